package io.nubicustos.operator.crd.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.operator.crd.RepositoryFiles;

/**
 * The API server estimates each rule's cost from the schema and refuses the CRD when a rule
 * is over budget; an unbounded string, list or map that a rule reads counts as large as a whole
 * request. Every one a rule reads (RuleReads) needs maxLength, maxItems or maxProperties, and
 * so does every list and map that holds the rule's node.
 */
class CrdCelRuleCostBoundsTest {

    static Stream<CrdRule> rules() {
        return CrdRules.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void everythingTheRuleReadsIsBounded(CrdRule rule) {
        var checked = CelRuleEnvironment.of(rule).checked(rule.rule(), rule.crd() + " " + rule.where());
        assertThat(RuleReads.unbounded(rule, checked)).as("%s, %s: %s", rule.crd(), rule.where(), rule.rule()).isEmpty();
    }

    @Test
    void readsAreTheSelectedFieldsButNotPresenceTests() {
        CrdRule rule = CrdCelRulesCompileTest.node("NetworkSegment", List.of(),
                "!has(self.spec.tls) || self.spec.tls.duration != '' && size(self.spec.allowFrom) < 3 && self == oldSelf");
        var checked = CelRuleEnvironment.of(rule).checked(rule.rule(), rule.where());
        assertThat(RuleReads.paths(checked)).containsExactlyInAnyOrder(
                List.of("spec", "tls", "duration"), List.of("spec", "allowFrom"), List.of());
    }

    @Test
    void unboundedStringsListsAndMapsAreReportedWithTheirPaths() throws Exception {
        JsonNode root = RepositoryFiles.YAML.readTree("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      free: {type: string}
                      bounded: {type: string, maxLength: 8}
                      choice: {type: string, enum: [a, b]}
                      onlyTested: {type: string}
                      names: {type: array, items: {type: string}}
                      labels: {type: object, additionalProperties: {type: string, maxLength: 63}}
                      entries:
                        type: array
                        items:
                          type: object
                          properties:
                            key: {type: string, maxLength: 63}
                          x-kubernetes-validations:
                          - rule: "self.key != ''"
                    x-kubernetes-validations:
                    - rule: "self.free == self.bounded && self.choice == 'a' && has(self.onlyTested) && size(self.names) > 0 && 'x' in self.labels"
                """);
        List<CrdRule> rules = CrdRule.in("test", "Test", root);
        assertThat(rules).hasSize(2);
        CrdRule spec = rules.get(0);
        assertThat(RuleReads.unbounded(spec, CelRuleEnvironment.of(spec).checked(spec.rule(), spec.where())))
                .containsExactlyInAnyOrder(
                        "spec.free: string without maxLength",
                        "spec.names: array without maxItems",
                        "spec.names[]: string without maxLength",
                        "spec.labels: map without maxProperties");
        CrdRule entry = rules.get(1);
        assertThat(RuleReads.unbounded(entry, CelRuleEnvironment.of(entry).checked(entry.rule(), entry.where())))
                .containsExactly("spec.entries: array without maxItems (holds the rule's node)");
    }
}
