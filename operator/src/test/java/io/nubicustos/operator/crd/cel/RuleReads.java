package io.nubicustos.operator.crd.cel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;

/**
 * What a rule reads, for the API server's cost estimate: each {@code self.a.b} (or
 * {@code oldSelf...}) chain reads the value at its end, with everything under it (a list
 * compared, iterated or sized, a string compared), so every string, list and map there must
 * be bounded or the estimate assumes the largest request and may exceed the budget. A presence
 * test, {@code has(self.a.b)}, reads nothing. The root's metadata is the API server's own (it
 * limits names to 253 characters itself), so it is not held to bounds here. The API server also
 * multiplies a rule's cost by how many of its nodes one object can hold, so every list and map
 * between the root and the rule's node needs maxItems or maxProperties too.
 */
final class RuleReads {

    private RuleReads() {
    }

    /** The fields a checked rule reads, as escaped field names from its {@code self}; an empty path is {@code self} itself. */
    static Set<List<String>> paths(CelAbstractSyntaxTree checked) {
        Set<List<String>> reads = new LinkedHashSet<>();
        CelNavigableAst.fromAst(checked).getRoot().allNodes()
                .filter(n -> n.expr().getKind() == CelExpr.ExprKind.Kind.IDENT)
                .filter(n -> n.expr().ident().name().equals("self") || n.expr().ident().name().equals("oldSelf"))
                .forEach(n -> read(n).ifPresent(reads::add));
        return reads;
    }

    private static Optional<List<String>> read(CelNavigableExpr variable) {
        List<String> path = new ArrayList<>();
        CelNavigableExpr end = variable;
        while (end.parent().isPresent() && end.parent().get().expr().getKind() == CelExpr.ExprKind.Kind.SELECT) {
            CelExpr.CelSelect select = end.parent().get().expr().select();
            if (select.testOnly()) {
                return Optional.empty();
            }
            path.add(select.field());
            end = end.parent().get();
        }
        return Optional.of(path);
    }

    /** The unbounded strings, lists and maps a rule reads, each as "path: what is missing". */
    static List<String> unbounded(CrdRule rule, CelAbstractSyntaxTree checked) {
        JsonNode self = rule.atRoot() ? CelSchemaTypes.asResourceRoot(rule.schema()) : rule.schema();
        List<String> problems = new ArrayList<>(unboundedAbove(rule));
        for (List<String> path : paths(checked)) {
            if (rule.atRoot() && !path.isEmpty() && path.get(0).equals("metadata")) {
                continue;
            }
            JsonNode node = self;
            String where = rule.atRoot() ? "" : rule.where();
            for (String field : path) {
                node = field(node, field);
                where = where.isEmpty() ? field : where + "." + field;
            }
            unbounded(node, where.isEmpty() ? "(root)" : where, rule.atRoot() && path.isEmpty(), problems);
        }
        return problems;
    }

    /** The lists and maps between the root and the rule's node that have no maxItems or maxProperties. */
    private static List<String> unboundedAbove(CrdRule rule) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rule.path().size(); i++) {
            String step = rule.path().get(i);
            CrdRule container = rule.at(rule.path().subList(0, i), "");
            if (step.equals(CrdRule.ITEMS) && !container.schema().has("maxItems")) {
                problems.add(container.where() + ": array without maxItems (holds the rule's node)");
            }
            if (step.equals(CrdRule.VALUES) && !container.schema().has("maxProperties")) {
                problems.add(container.where() + ": map without maxProperties (holds the rule's node)");
            }
        }
        return problems;
    }

    /** Every unbounded string, list and map under {@code schema}, which sits at {@code where}. */
    static void unbounded(JsonNode schema, String where, boolean resourceRoot, List<String> problems) {
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
        String type = schema.path("type").asText();
        if ((type.equals("string") || intOrString) && !schema.has("maxLength") && !schema.has("enum")
                && !List.of("date", "date-time", "duration").contains(schema.path("format").asText())) {
            problems.add(where + ": string without maxLength");
        }
        if (type.equals("array")) {
            if (!schema.has("maxItems")) {
                problems.add(where + ": array without maxItems");
            }
            unbounded(schema.path("items"), where + CrdRule.ITEMS, false, problems);
        }
        if (schema.path("additionalProperties").isObject()) {
            if (!schema.has("maxProperties")) {
                problems.add(where + ": map without maxProperties");
            }
            unbounded(schema.get("additionalProperties"), where + CrdRule.VALUES, false, problems);
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            if (!(resourceRoot && p.getKey().equals("metadata"))) {
                unbounded(p.getValue(), where.equals("(root)") ? p.getKey() : where + "." + p.getKey(), false, problems);
            }
        });
    }

    /** The schema of an escaped field of an object, or of the values of a map. */
    private static JsonNode field(JsonNode object, String escaped) {
        if (object.path("additionalProperties").isObject()) {
            return object.get("additionalProperties");
        }
        var properties = object.path("properties").fields();
        while (properties.hasNext()) {
            var p = properties.next();
            if (CelPropertyNames.escape(p.getKey()).filter(escaped::equals).isPresent()) {
                return p.getValue();
            }
        }
        throw new IllegalArgumentException("no field " + escaped + " in " + object);
    }
}
