package io.nubicustos.model.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/**
 * Label-selector matching as the API server does it (metav1.LabelSelectorAsSelector): matchLabels
 * and matchExpressions, all must hold; an empty selector matches everything, a null one nothing.
 * Where a field's absence means "all" (a NetworkPolicy peer's podSelector), the caller says so.
 */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> present = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
                if (!wanted.getValue().equals(present.get(wanted.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!matches(requirement, present)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
        return switch (operator) {
            case "In" -> value != null && values.contains(value);
            // As in Kubernetes, NotIn also matches objects without the key.
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            // The API server rejects other operators; a selector that cannot be read selects nothing.
            default -> false;
        };
    }
}
