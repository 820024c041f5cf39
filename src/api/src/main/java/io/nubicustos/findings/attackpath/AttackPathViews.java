package io.nubicustos.findings.attackpath;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.nubicustos.findings.finding.Severities;
import io.nubicustos.findings.graph.FindingFact;
import io.nubicustos.model.finding.Severity;

/** What the API answers about paths, built from a found {@link AttackPath}; stored as JSON with each path. */
public final class AttackPathViews {

    public record AssetView(String id, String ref, String kind, String type, String namespace, String account) {
    }

    /** @param findingId the finding's id in the findings API, where it is known */
    public record EnablingFinding(String fingerprint, String severity, String control, String title, Long findingId) {

        public EnablingFinding withFindingId(Long id) {
            return new EnablingFinding(fingerprint, severity, control, title, id);
        }
    }

    /** @param from the id of the asset the step starts at; @param ease 0..1 */
    public record Step(int step, String from, String to, String relationship, String action, Technique technique, double ease,
            List<EnablingFinding> findings, String remediation) {
    }

    /** The step whose fix breaks the path, and how. */
    public record BreakPoint(int step, String remediation) {
    }

    public record Summary(String id, String scope, int score, int exploitability, int impact, String impactReason, int hops, AssetView entry, AssetView target,
            List<String> techniques, List<String> namespaces, List<String> accounts) {
    }

    public record Detail(String id, String scope, int score, int exploitability, int impact, String impactReason, int hops, AssetView entry, AssetView target,
            List<String> techniques, List<String> namespaces, List<String> accounts, List<AssetView> nodes, List<Step> steps,
            BreakPoint breakAt) {

        public Summary summary() {
            return new Summary(id, scope, score, exploitability, impact, impactReason, hops, entry, target, techniques, namespaces, accounts);
        }
    }

    private AttackPathViews() {
    }

    public static Detail detail(AttackPath path) {
        List<AssetView> nodes = path.nodes().stream().map(AttackPathViews::asset).toList();
        List<Step> steps = new ArrayList<>();
        LinkedHashSet<String> techniques = new LinkedHashSet<>();
        for (PathStep s : path.steps()) {
            StepAssessment a = s.assessment();
            techniques.add(a.technique().id());
            steps.add(new Step(s.from(), nodes.get(s.from()).id(), nodes.get(s.from() + 1).id(), s.type().name(), s.action(), a.technique(),
                    Math.round(a.ease() * 100) / 100.0, a.enabling().stream().map(AttackPathViews::finding).toList(), a.remediation()));
        }
        return new Detail(path.id(), path.scope(), path.score(), path.exploitability(), path.impact(), path.impactReason(), path.hops(), nodes.get(0),
                nodes.get(nodes.size() - 1), List.copyOf(techniques), path.namespaces(), path.accounts(), nodes, steps, breakAt(steps));
    }

    /**
     * Where to cut: the first step that a finding enables (fixing the finding removes the step);
     * without one, the first step (stop the exposure).
     */
    static BreakPoint breakAt(List<Step> steps) {
        Step cut = steps.stream().filter(s -> !s.findings().isEmpty()).findFirst().orElse(steps.get(0));
        return new BreakPoint(cut.step(), cut.remediation());
    }

    static AssetView asset(Asset a) {
        return new AssetView(a.id(), a.ref(), a.kind().label(), a.type(), a.namespace(), a.account());
    }

    private static EnablingFinding finding(FindingFact f) {
        return new EnablingFinding(f.fingerprint(), Severity.ofRank(f.severity()).id(), f.control(), f.title(), null);
    }
}
