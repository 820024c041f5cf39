package io.nubicustos.findings.attackpath;

import java.util.Locale;
import java.util.Optional;

import io.nubicustos.findings.graph.AssetKind;
import io.nubicustos.findings.graph.FindingFact;
import io.nubicustos.model.graph.EdgeType;

/**
 * Where paths start (entry points, with how exposed they are) and end (crown jewels, with how
 * much their loss costs). Both may also be marked by label.
 */
public final class Targets {

    /** A crown jewel and why. */
    public record Impact(int score, String reason) {
    }

    /** Azure's built-in Owner role definition. */
    private static final String AZURE_OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

    private final String entryLabel;
    private final String crownJewelLabel;

    public Targets(String entryLabel, String crownJewelLabel) {
        this.entryLabel = entryLabel;
        this.crownJewelLabel = crownJewelLabel;
    }

    /** How exposed a start is, 0 when it is none: the Internet 1.0, an exposed credential 0.9, a labelled entry point 0.8. */
    public double exposure(Asset asset) {
        if (asset.kind() == AssetKind.INTERNET) {
            return 1.0;
        }
        if ("secret-in-file".equalsIgnoreCase(asset.type()) || asset.findings().stream().filter(FindingFact::active).anyMatch(Targets::leaked)) {
            return 0.9;
        }
        return "true".equalsIgnoreCase(asset.labels().get(entryLabel)) ? 0.8 : 0;
    }

    public Optional<Impact> impact(GraphSnapshot graph, int i) {
        Asset a = graph.asset(i);
        if (a.kind() == AssetKind.IDENTITY && admin(graph, i)) {
            return Optional.of(new Impact(100, "administrator identity"));
        }
        if (a.kind() == AssetKind.CLOUD_ACCOUNT) {
            return Optional.of(new Impact(100, "cloud account"));
        }
        if (a.kind() == AssetKind.NODE) {
            return Optional.of(new Impact(95, "node"));
        }
        if (a.dataStore()) {
            return Optional.of(a.worstSeverity() >= 3 ? new Impact(95, "data store with a " + (a.worstSeverity() == 4 ? "critical" : "high")
                    + " finding") : new Impact(85, "data store"));
        }
        if ("true".equalsIgnoreCase(a.labels().get(crownJewelLabel))) {
            return Optional.of(new Impact(90, "labelled crown jewel"));
        }
        if (a.kind() == AssetKind.SECRET) {
            return Optional.of(new Impact(75, "secret"));
        }
        if (a.kind() == AssetKind.IDENTITY && a.worstSeverity() >= 3 && a.findings().stream().anyMatch(f -> f.active() && text(f).contains("wildcard"))) {
            return Optional.of(new Impact(90, "identity with wildcard permissions"));
        }
        return Optional.empty();
    }

    private static boolean admin(GraphSnapshot graph, int i) {
        Asset a = graph.asset(i);
        String ref = a.ref();
        if (ref.equals("ClusterRole//cluster-admin") || ref.endsWith("/AdministratorAccess") || ref.endsWith("roles/owner")
                || ref.toLowerCase(Locale.ROOT).endsWith(AZURE_OWNER) || ref.endsWith("/Owner")) {
            return true;
        }
        if (a.findings().stream().filter(FindingFact::active).map(Targets::text).anyMatch(t -> t.contains("administratoraccess")
                || t.contains("administrative_privileges") || t.contains("admin_privileges") || t.contains("full_admin"))) {
            return true;
        }
        return graph.out(i).stream().anyMatch(l -> l.type() == EdgeType.HAS_PERMISSION && ("*".equals(l.action()) || "*:*".equals(l.action())));
    }

    private static boolean leaked(FindingFact f) {
        String t = text(f);
        return t.contains("secret-in-file") || t.contains("hardcoded") || t.contains("leaked") || t.contains("exposed-credential")
                || t.contains("aws-access-key-id") || t.contains("private-key") || t.contains("generic-api-key");
    }

    private static String text(FindingFact f) {
        return ((f.control() == null ? "" : f.control()) + " " + (f.checkId() == null ? "" : f.checkId())).toLowerCase(Locale.ROOT);
    }
}
