package io.nubicustos.operator.crd.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import io.nubicustos.api.v1alpha1.CelRuleCatalog;
import io.nubicustos.api.v1alpha1.common.CelRule;
import io.nubicustos.operator.crd.cel.CelRuleVerdicts.Row;

/**
 * The real CEL rules of the CRD files, run by CEL-Java on the rows of the verdict table that
 * src/model's CelRuleEquivalenceTest holds the Java twins to: CEL's verdict must be the row's,
 * so the Java twin and the CRD's rule agree on every row. Where a row fails, the user reads the
 * message the CRD attaches to the rule; it must be the one the operator gives (the twin's).
 */
class CrdCelRuleVerdictsTest {

    /**
     * Rules that call a Kubernetes library function CEL-Java lacks (KubernetesCelLibrary): they are
     * type-checked, but only their Java twin is evaluated on the table. None today: the rules use
     * has, in, size, duration() and comparisons, all standard CEL.
     */
    private static final Set<String> JUDGED_BY_THE_JAVA_TWIN_ONLY = Set.of();

    static Stream<Row> rows() {
        return CelRuleVerdicts.rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void celGivesTheVerdictOfTheTable(Row row) throws CelEvaluationException {
        List<CrdRule> carriers = CrdRules.all().stream().filter(r -> r.rule().equals(row.rule())).toList();
        assertThat(carriers).as("CRD files carrying %s", row.rule()).hasSize(2);
        for (CrdRule rule : carriers) {
            CelRuleEnvironment environment = CelRuleEnvironment.of(rule);
            CelAbstractSyntaxTree checked = environment.checked(rule.rule(), rule.crd() + " " + rule.where());
            assumeTrue(KubernetesCelLibrary.calledBy(checked).isEmpty(), "CEL-Java cannot run it: its Java twin alone is judged");
            assertThat(environment.holds(checked, environment.value(row.object())))
                    .as("%s at %s on %s", rule.crd(), rule.where(), row.object()).isEqualTo(row.holds());
            if (!row.holds()) {
                assertThat(rule.message()).as("message of %s in %s", rule.rule(), rule.crd()).isEqualTo(twin(rule.rule()).message());
            }
        }
    }

    @Test
    void everyRuleOfTheCrdsHasRowsThatHoldAndRowsThatFail() {
        Map<String, boolean[]> verdicts = new HashMap<>();
        rows().forEach(row -> verdicts.computeIfAbsent(row.rule(), r -> new boolean[2])[row.holds() ? 1 : 0] = true);
        assertThat(CrdRules.all()).allSatisfy(rule -> {
            assertThat(verdicts).as("rows for %s", rule).containsKey(rule.rule());
            assertThat(verdicts.get(rule.rule())).as("rows that hold and rows that fail for %s", rule).containsExactly(true, true);
        });
    }

    @Test
    void theRulesCelJavaCannotRunAreTheListedOnes() {
        Set<String> kubernetesOnly = new TreeSet<>();
        CrdRules.all().forEach(rule -> {
            if (!KubernetesCelLibrary.calledBy(CelRuleEnvironment.of(rule).checked(rule.rule(), rule.toString())).isEmpty()) {
                kubernetesOnly.add(rule.rule());
            }
        });
        assertThat(kubernetesOnly).isEqualTo(JUDGED_BY_THE_JAVA_TWIN_ONLY);
    }

    private static CelRule<?> twin(String expression) {
        return CelRuleCatalog.all().stream().flatMap(r -> r.rules().stream()).filter(r -> r.expression().equals(expression))
                .findFirst().orElseThrow(() -> new AssertionError("no Java twin in CelRuleCatalog for " + expression));
    }
}
