package io.nubicustos.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.common.CelRule;
import io.nubicustos.api.v1alpha1.common.CelRules;

/**
 * The operator's Java twin of each CEL rule (CelRuleCatalog) must give the verdict of the
 * shared table, cel-rule-verdicts.yaml, on every row. The operator module evaluates the CRDs'
 * real CEL rules with CEL-Java on the same rows (CrdCelRuleVerdictsTest), so both are held to
 * one table.
 */
class CelRuleEquivalenceTest {

    static final String TABLE = "/cel-rule-verdicts.yaml";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final ObjectMapper YAML_TREE = new ObjectMapper(new YAMLFactory());

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (JsonNode entry : read()) {
            String expression = entry.path("rule").asText();
            entry.path("holds").forEach(object -> rows.add(Arguments.of(expression, object, true)));
            entry.path("fails").forEach(object -> rows.add(Arguments.of(expression, object, false)));
        }
        return rows.stream();
    }

    private static JsonNode read() {
        try (InputStream in = CelRuleEquivalenceTest.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is not on the test classpath");
            }
            return YAML_TREE.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{2} <- {1} : {0}")
    @MethodSource("table")
    void javaEquivalentAgreesWithTheCelVerdict(String expression, JsonNode object, boolean celVerdict) {
        CelRules<?> rules = rulesOf(expression);
        assertThat(holds(rules, expression, object)).as("Java equivalent of %s on %s", expression, object).isEqualTo(celVerdict);
    }

    @Test
    void everyRuleHasRowsThatPassAndRowsThatFail() {
        Map<String, boolean[]> seen = new HashMap<>();
        table().forEach(a -> {
            boolean[] verdicts = seen.computeIfAbsent((String) a.get()[0], k -> new boolean[2]);
            verdicts[(Boolean) a.get()[2] ? 1 : 0] = true;
        });
        List<String> expressions = CelRuleCatalog.all().stream()
                .flatMap(r -> r.rules().stream()).map(CelRule::expression).toList();
        assertThat(expressions).isNotEmpty().allSatisfy(expression -> {
            assertThat(seen).as("rows for %s", expression).containsKey(expression);
            assertThat(seen.get(expression)).as("a passing and a failing row for %s", expression).containsExactly(true, true);
        });
    }

    @Test
    void ruleMessagesAreDistinctAndSayWhatToDo() {
        List<String> messages = CelRuleCatalog.all().stream().flatMap(r -> r.rules().stream()).map(CelRule::message).toList();
        assertThat(messages).doesNotHaveDuplicates().allSatisfy(m -> assertThat(m).hasSizeGreaterThan(15).doesNotContain("self."));
    }

    private static CelRules<?> rulesOf(String expression) {
        return CelRuleCatalog.all().stream().filter(r -> r.find(expression).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no Java equivalent registered for " + expression));
    }

    private static <T> boolean holds(CelRules<T> rules, String expression, JsonNode object) {
        T target = YAML.convertValue(object, rules.type());
        return rules.find(expression).orElseThrow().holds().test(target);
    }
}
