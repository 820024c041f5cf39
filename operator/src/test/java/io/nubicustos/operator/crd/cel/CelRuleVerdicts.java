package io.nubicustos.operator.crd.cel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.operator.crd.RepositoryFiles;

/** The table of objects and CEL verdicts that src/model's CelRuleEquivalenceTest holds the Java twins to. */
final class CelRuleVerdicts {

    static final String FILE = "src/model/src/test/resources/cel-rule-verdicts.yaml";

    /** One object and the verdict the rule gives it. */
    record Row(String rule, JsonNode object, boolean holds) {

        @Override
        public String toString() {
            return (holds ? "holds" : "fails") + " on " + object + ": " + rule;
        }
    }

    private CelRuleVerdicts() {
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (JsonNode entry : read()) {
            String rule = entry.path("rule").asText();
            entry.path("holds").forEach(object -> rows.add(new Row(rule, object, true)));
            entry.path("fails").forEach(object -> rows.add(new Row(rule, object, false)));
        }
        return rows;
    }

    private static JsonNode read() {
        try {
            return RepositoryFiles.YAML.readTree(RepositoryFiles.root().resolve(FILE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
