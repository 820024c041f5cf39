package io.nubicustos.operator.crd.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import io.nubicustos.operator.crd.RepositoryFiles;
import io.nubicustos.operator.crd.RepositoryFiles.Document;

/**
 * Every sample a user may apply (config/samples, the local cluster's .yml files included)
 * passes every CEL rule of its CRD, evaluated by CEL-Java as the API server evaluates it: on
 * the defaulted object, at the rule's node, once per array element on the way, and not where
 * the node is absent. A transition rule sees an update that changes nothing.
 */
class CrdCelRulesOnSamplesTest {

    private static final Set<String> KINDS = Set.of("ScanJob", "CloudCredential", "NetworkSegment");

    static Stream<Document> samples() {
        return RepositoryFiles.documentsWithYml("config/samples").stream()
                .filter(d -> KINDS.contains(d.kind()) && d.content().path("apiVersion").asText().startsWith("nubicustos.io/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void samplePassesEveryRuleOfItsCrd(Document sample) throws CelEvaluationException {
        assertThat(violations(sample, rulesOf(sample.kind()))).as(sample.toString()).isEmpty();
    }

    @Test
    void everyRuleMeetsASampleAndEveryKindHasSamples() throws CelEvaluationException {
        assertThat(samples().map(Document::kind)).containsAll(KINDS);
        Set<String> unmet = new TreeSet<>();
        for (CrdRule rule : CrdRules.inCrdsFolder()) {
            boolean met = false;
            for (Document sample : samples().filter(s -> s.kind().equals(rule.kind())).toList()) {
                met |= !rule.valuesIn(root(rule).value(sample.content())).isEmpty();
            }
            if (!met) {
                unmet.add(rule.toString());
            }
        }
        assertThat(unmet).as("rules no sample reaches: the samples test nothing for them").isEmpty();
    }

    @Test
    void aSampleThatBreaksARuleIsReportedWithTheRulesMessage() throws CelEvaluationException {
        Document sample = samples().filter(s -> s.kind().equals("NetworkSegment") && s.content().at("/spec/tls").isObject())
                .findFirst().orElseThrow();
        ObjectNode broken = sample.content().deepCopy();
        ((ObjectNode) broken.at("/spec/tls")).put("renewBefore", "48h");
        ((ObjectNode) broken.path("spec")).putArray("allowFrom").add(sample.content().at("/metadata/name").asText());
        assertThat(violations(new Document(sample.file(), broken), rulesOf("NetworkSegment")))
                .containsExactlyInAnyOrder(
                        "spec.tls: tls.renewBefore must be shorter than tls.duration",
                        "(root): a segment may not list itself in allowFrom: traffic within a segment is always allowed");
    }

    /** What the API server would answer: "path: message" for every rule that fails on the sample. */
    private static List<String> violations(Document sample, List<CrdRule> rules) throws CelEvaluationException {
        List<String> violations = new ArrayList<>();
        for (CrdRule rule : rules) {
            CelRuleEnvironment environment = CelRuleEnvironment.of(rule);
            CelAbstractSyntaxTree checked = environment.checked(rule.rule(), rule.crd() + " " + rule.where());
            if (!KubernetesCelLibrary.calledBy(checked).isEmpty()) {
                continue; // CEL-Java cannot run it; its Java twin is judged on the verdict table instead.
            }
            for (Object value : rule.valuesIn(root(rule).value(sample.content()))) {
                if (!environment.holds(checked, value)) {
                    violations.add(rule.where() + ": " + rule.message());
                }
            }
        }
        return violations;
    }

    private static List<CrdRule> rulesOf(String kind) {
        return CrdRules.inCrdsFolder().stream().filter(r -> r.kind().equals(kind)).toList();
    }

    /** The environment of the CRD's root, which converts (and defaults) a whole object. */
    private static CelRuleEnvironment root(CrdRule rule) {
        return CelRuleEnvironment.of(rule.at(List.of(), "true"));
    }
}
