package io.nubicustos.findings.attackpath;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import io.nubicustos.findings.graph.AssetKind;
import io.nubicustos.findings.graph.FindingFact;
import io.nubicustos.model.graph.EdgeType;

/**
 * The table of steps: for each edge type, the ATT&CK technique, the findings that enable it and
 * how easy it is with and without them. A step with an enabling finding of high severity is
 * nearly certain; one without is possible at best (a container escape without a privileged
 * container needs a kernel exploit).
 */
public final class StepRules {

    private static final Predicate<FindingFact> VULNERABILITY = f -> starts(f.checkId(), "cve-") || starts(f.checkId(), "ghsa-")
            || starts(f.control(), "cve-") || starts(f.control(), "ghsa-");
    private static final Predicate<FindingFact> EXPOSURE = f -> matches(f, "loadbalancer", "nodeport", "ingress", "public", "exposure",
            "internet", "0.0.0.0");
    private static final Predicate<FindingFact> ESCAPE = f -> matches(f, "privileged", "host-pid", "hostpid", "host-ipc", "hostipc",
            "host-path", "hostpath", "host-network", "hostnetwork", "added-capabilities", "sys_admin");
    private static final Predicate<FindingFact> TOKEN = f -> matches(f, "sa-token", "automount", "default-sa");
    private static final Predicate<FindingFact> RBAC = f -> matches(f, "cluster-admin", "wildcard", "escalat", "administrative",
            "administratoraccess", "admin_privileges", "full_access", "fullaccess");
    private static final Predicate<FindingFact> SECRET_ACCESS = f -> matches(f, "secrets");
    private static final Predicate<FindingFact> IAM = f -> matches(f, "iam", "policy", "permission", "privilege");

    private StepRules() {
    }

    public static StepAssessment assess(Asset from, EdgeType type, String action, Asset to) {
        Technique technique = Techniques.of(type, from.kind(), to.kind(), to.dataStore());
        return switch (type) {
            case CAN_REACH -> reach(technique, from, to);
            case RUNS_AS -> {
                List<FindingFact> tokens = enabling(TOKEN, from, to);
                yield new StepAssessment(technique, tokens.isEmpty() ? 0.9 : 1.0, tokens,
                        "Set automountServiceAccountToken: false on " + from.ref() + " unless it calls the Kubernetes API.");
            }
            case BOUND_TO -> new StepAssessment(technique, 1.0, enabling(RBAC, from, to),
                    "Remove the binding of " + from.ref() + " to " + to.ref() + ", or narrow the role to what is needed.");
            case CAN_ASSUME -> new StepAssessment(technique, 1.0, enabling(IAM, to),
                    "Limit the trust policy of " + to.ref() + " to the ServiceAccounts that need it, and its permissions to what they need.");
            case HAS_PERMISSION -> permission(technique, from, action, to);
            case MOUNTS -> to.kind() == AssetKind.NODE
                    ? escape(technique, from, 0.8, "Do not mount host paths into " + from.ref() + ".")
                    : new StepAssessment(technique, 1.0, List.of(),
                            "Mount only the Secrets " + from.ref() + " needs, or use short-lived projected credentials.");
            case RUNS_ON -> escape(technique, from, 0.05, "Run " + from.ref()
                    + " unprivileged: no privileged mode, host namespaces, host paths or added capabilities (Pod Security Standard restricted).");
            case CAN_READ -> new StepAssessment(technique, 1.0, enabling(SECRET_ACCESS, from),
                    "Remove get/list/watch on secrets from " + from.ref() + ".");
            case IN_SEGMENT, HAS_FINDING -> throw new IllegalArgumentException(type + " is not a step");
        };
    }

    private static StepAssessment reach(Technique technique, Asset from, Asset to) {
        if (from.kind() == AssetKind.INTERNET) {
            return new StepAssessment(technique, 1.0, enabling(EXPOSURE, to),
                    "Stop exposing " + to.ref() + " to the Internet (ClusterIP, loadBalancerSourceRanges, or an authenticating proxy).");
        }
        if (to.kind() == AssetKind.WORKLOAD) {
            List<FindingFact> vulnerabilities = enabling(VULNERABILITY, to);
            int worst = vulnerabilities.stream().mapToInt(FindingFact::severity).max().orElse(-1);
            double ease = worst >= 4 ? 1.0 : worst == 3 ? 0.85 : worst == 2 ? 0.6 : 0.5;
            return new StepAssessment(technique, ease,
                    vulnerabilities, vulnerabilities.isEmpty() ? "Keep " + to.ref() + " patched and authenticate its callers."
                            : "Patch the vulnerabilities of " + to.ref() + ".");
        }
        if (from.kind() == AssetKind.WORKLOAD) {
            return new StepAssessment(technique, 0.9, List.of(),
                    "Segment the network: a NetworkSegment (or NetworkPolicy) that keeps " + from.ref() + " from reaching " + to.ref() + ".");
        }
        return new StepAssessment(technique, 1.0, List.of(), "Route only what must be public to " + to.ref() + ".");
    }

    private static StepAssessment permission(Technique technique, Asset from, String action, Asset to) {
        String a = action == null ? "" : action;
        boolean wildcard = a.equals("*") || a.endsWith(":*") || a.endsWith("/*");
        return new StepAssessment(technique, wildcard ? 1.0 : 0.9, enabling(IAM, from),
                "Grant " + from.ref() + " only the actions it needs on " + to.ref() + (a.isEmpty() ? "." : " instead of " + a + "."));
    }

    private static StepAssessment escape(Technique technique, Asset from, double without, String remediation) {
        List<FindingFact> escapes = enabling(ESCAPE, from);
        int worst = escapes.stream().mapToInt(FindingFact::severity).max().orElse(-1);
        double ease = worst >= 4 ? 1.0 : worst == 3 ? 0.9 : worst == 2 ? 0.5 : without;
        return new StepAssessment(technique, ease, escapes, remediation);
    }

    private static List<FindingFact> enabling(Predicate<FindingFact> rule, Asset... assets) {
        return java.util.Arrays.stream(assets).flatMap(a -> a.findings().stream()).filter(FindingFact::active).filter(rule)
                .sorted(java.util.Comparator.comparingInt(FindingFact::severity).reversed().thenComparing(FindingFact::fingerprint))
                .toList();
    }

    private static boolean matches(FindingFact f, String... words) {
        String text = ((f.control() == null ? "" : f.control()) + " " + (f.checkId() == null ? "" : f.checkId())).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean starts(String text, String prefix) {
        return text != null && text.toLowerCase(Locale.ROOT).startsWith(prefix);
    }
}
