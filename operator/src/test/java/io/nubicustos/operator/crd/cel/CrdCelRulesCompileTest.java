package io.nubicustos.operator.crd.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.cel.common.CelValidationResult;

/**
 * Every x-kubernetes-validations rule of the CRD files compiles and type-checks with CEL-Java
 * against the CEL type of the schema node it sits on, as the API server checks it when the CRD
 * is applied: a syntax error, a field the schema does not have, a comparison of a string with
 * an int or a result that is not a bool fails here, naming the file, the path and the rule.
 */
class CrdCelRulesCompileTest {

    static Stream<CrdRule> rules() {
        return CrdRules.all().stream();
    }

    @Test
    void everyCrdFileHasItsRules() {
        // 21 rules in crds/ and the same in the chart's copy; fewer means the walk missed some.
        assertThat(CrdRules.inCrdsFolder()).hasSizeGreaterThanOrEqualTo(21);
        assertThat(CrdRules.all()).hasSize(2 * CrdRules.inCrdsFolder().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleCompilesAgainstTheTypeOfItsNode(CrdRule rule) {
        CelValidationResult result = CelRuleEnvironment.of(rule).check(rule.rule());
        assertThat(result.hasError()).as("%s, %s: %s%n%s", rule.crd(), rule.where(), rule.rule(), result.getErrorString()).isFalse();
    }

    /** Rules the API server refuses, each on a real node of crds/, with the error CEL-Java must give. */
    static Stream<Arguments> brokenRules() {
        return Stream.of(
                broken("ScanJob", List.of("spec"), "self.tols == 'kubernetes'", "undefined field 'tols'"),
                broken("ScanJob", List.of("spec"), "self.tool == 1", "no matching overload for '_==_' applied to '(string, int)'"),
                broken("ScanJob", List.of("spec"), "self.backoffLimit > '3'", "no matching overload"),
                broken("ScanJob", List.of("spec"), "self.historyLimit.failed == true", "no matching overload"),
                broken("ScanJob", List.of("spec"), "self.args.exists(a, a > 1)", "no matching overload"),
                broken("ScanJob", List.of("spec"), "self.tool", "expected type 'bool' but found 'string'"),
                broken("ScanJob", List.of("spec"), "self.tool == 'trivy' &&", "mismatched input '<EOF>'"),
                broken("ScanJob", List.of("spec"), "self.metadata.name == 'x'", "undefined field 'metadata'"),
                // At the root only name and generateName of metadata exist, as on the API server.
                broken("NetworkSegment", List.of(), "self.metadata.namespace == 'default'", "undefined field 'namespace'"),
                broken("NetworkSegment", List.of(), "'a' in self.metadata.labels", "undefined field 'labels'"),
                // A property named like a CEL keyword is only reachable escaped.
                broken("NetworkSegment", List.of("spec", "tls", "services", CrdRule.ITEMS), "self.namespace == 'pki'", "undefined field 'namespace'"),
                broken("NetworkSegment", List.of("spec", "egress", CrdRule.ITEMS, "ports", CrdRule.ITEMS), "self.port == '80'", "no matching overload"),
                broken("CloudCredential", List.of("spec", "aws"), "self.authMethod == 'assume-role' && self.roleArn.size() > 'x'", "no matching overload"),
                broken("ScanJob", List.of("spec"), "self.args.isSorted() == 1", "no matching overload"));
    }

    private static Arguments broken(String kind, List<String> path, String rule, String error) {
        return Arguments.of(kind, path, rule, error);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("brokenRules")
    void theCheckerRefusesWhatTheApiServerRefuses(String kind, List<String> path, String rule, String error) {
        CelValidationResult result = environment(kind, path, rule);
        assertThat(result.hasError()).as("%s must not compile", rule).isTrue();
        assertThat(result.getErrorString()).contains(error);
    }

    @Test
    void theCheckerAcceptsWhatTheApiServerAccepts() {
        assertThat(environment("ScanJob", List.of("spec"), "self.args.all(a, size(a) < 100) && self.historyLimit.failed <= 3").hasError()).isFalse();
        assertThat(environment("ScanJob", List.of("spec"), "!has(self.resources) || !('cpu' in self.resources.limits)"
                + " || type(self.resources.limits['cpu']) == string").hasError()).isFalse();
        assertThat(environment("NetworkSegment", List.of(), "self.kind == 'NetworkSegment' && self.metadata.name.size() < 64").hasError()).isFalse();
        assertThat(environment("NetworkSegment", List.of("spec", "tls", "services", CrdRule.ITEMS), "self.__namespace__ != 'kube-system'").hasError()).isFalse();
        assertThat(environment("NetworkSegment", List.of("spec"), "self.cidr == oldSelf.cidr").hasError())
                .as("a transition rule gets oldSelf").isFalse();
        assertThat(environment("NetworkSegment", List.of("spec"), "self.ingressAllowlist.map(c, c.split('/')[0]).size() >= 0"
                + " && sets.contains(self.allowFrom, ['management'])").hasError()).as("strings and sets extensions").isFalse();
    }

    @Test
    void kubernetesOnlyFunctionsTypeCheckAndAreNamed() {
        CrdRule rule = node("ScanJob", List.of("spec"), "self.args.isSorted() && self.regions.indexOf('eu-west-1') < 3");
        var checked = CelRuleEnvironment.of(rule).checked(rule.rule(), rule.where());
        assertThat(KubernetesCelLibrary.calledBy(checked)).containsExactly("indexOf", "isSorted");
        CrdRule standard = node("ScanJob", List.of("spec"), "self.tool.indexOf('kube') == 0");
        assertThat(KubernetesCelLibrary.calledBy(CelRuleEnvironment.of(standard).checked(standard.rule(), standard.where())))
                .as("the strings extension's indexOf is CEL-Java's own").isEmpty();
    }

    private static CelValidationResult environment(String kind, List<String> path, String rule) {
        CrdRule node = node(kind, path, rule);
        return CelRuleEnvironment.of(node).check(node.rule());
    }

    static CrdRule node(String kind, List<String> path, String rule) {
        return CrdRules.inCrdsFolder().stream().filter(r -> r.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule in the " + kind + " CRD")).at(path, rule);
    }
}
