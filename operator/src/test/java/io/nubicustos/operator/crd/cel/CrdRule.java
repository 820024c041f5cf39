package io.nubicustos.operator.crd.cel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One x-kubernetes-validations rule of a CRD, with the schema node it sits on.
 *
 * @param crd where the rule comes from (a file, or a kind)
 * @param kind the resource kind, which names the rule's CEL types
 * @param root the CRD's openAPIV3Schema
 * @param path the steps from the root to the node: property names, {@code []} for array items, {@code {}} for map values
 * @param schema the schema of that node
 */
public record CrdRule(String crd, String kind, JsonNode root, List<String> path, JsonNode schema, String rule, String message) {

    public static final String ITEMS = "[]";
    public static final String VALUES = "{}";

    public CrdRule {
        path = List.copyOf(path);
    }

    /** Every rule of an openAPIV3Schema, outermost first. */
    public static List<CrdRule> in(String crd, String kind, JsonNode rootSchema) {
        List<CrdRule> rules = new ArrayList<>();
        collect(new CrdRule(crd, kind, rootSchema, List.of(), rootSchema, "", ""), rules);
        return rules;
    }

    /** The same rule text at another node of the same CRD, e.g. a rule that must fail, checked as the real ones are. */
    public CrdRule at(List<String> otherPath, String otherRule) {
        JsonNode node = root;
        for (String step : otherPath) {
            node = switch (step) {
                case ITEMS -> node.path("items");
                case VALUES -> node.path("additionalProperties");
                default -> node.path("properties").path(step);
            };
            if (node.isMissingNode()) {
                throw new IllegalArgumentException(kind + " has no schema node " + otherPath);
            }
        }
        return new CrdRule(crd, kind, root, otherPath, node, otherRule, "");
    }

    private static void collect(CrdRule node, List<CrdRule> rules) {
        node.schema().path("x-kubernetes-validations").forEach(v -> rules.add(
                new CrdRule(node.crd(), node.kind(), node.root(), node.path(), node.schema(), v.path("rule").asText(), v.path("message").asText())));
        node.schema().path("properties").fieldNames().forEachRemaining(p -> collect(node.at(append(node.path(), p), ""), rules));
        if (node.schema().has("items")) {
            collect(node.at(append(node.path(), ITEMS), ""), rules);
        }
        if (node.schema().path("additionalProperties").isObject()) {
            collect(node.at(append(node.path(), VALUES), ""), rules);
        }
    }

    public boolean atRoot() {
        return path.isEmpty();
    }

    /** The name of the node's CEL type: the kind, then the path. */
    public String typeName() {
        return kind + (atRoot() ? "" : "." + where());
    }

    /** The path as the API server reports it, e.g. {@code spec.egress[].ports[]}. */
    public String where() {
        if (path.isEmpty()) {
            return "(root)";
        }
        StringBuilder where = new StringBuilder();
        for (String step : path) {
            where.append(step.equals(ITEMS) || step.equals(VALUES) || where.isEmpty() ? "" : ".").append(step);
        }
        return where.toString();
    }

    /**
     * The values this rule judges in a whole object, given as {@link CelValues} (so defaulted,
     * as the API server validates it): one per array element or map value on the path, none
     * where the path is absent.
     */
    public List<Object> valuesIn(Object object) {
        List<Object> values = List.of(object);
        for (String step : path) {
            List<Object> next = new ArrayList<>();
            for (Object v : values) {
                if (step.equals(ITEMS)) {
                    next.addAll((List<?>) v);
                } else if (step.equals(VALUES)) {
                    next.addAll(((Map<?, ?>) v).values());
                } else {
                    CelPropertyNames.escape(step).map(((Map<?, ?>) v)::get).ifPresent(next::add);
                }
            }
            values = next;
        }
        return values;
    }

    @Override
    public String toString() {
        return crd + " " + where() + ": " + rule;
    }

    private static List<String> append(List<String> path, String step) {
        List<String> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }
}
