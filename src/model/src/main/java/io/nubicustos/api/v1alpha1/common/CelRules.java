package io.nubicustos.api.v1alpha1.common;

import java.util.List;
import java.util.Optional;

/** The CEL rules that apply to one type (a spec, a block of it, or a whole resource). */
public record CelRules<T>(Class<T> type, List<CelRule<T>> rules) {

    @SafeVarargs
    public static <T> CelRules<T> of(Class<T> type, CelRule<T>... rules) {
        return new CelRules<>(type, List.of(rules));
    }

    /** Messages of the rules {@code target} breaks, in declaration order; empty when it is valid. */
    public List<String> violations(T target) {
        if (target == null) {
            return List.of();
        }
        return rules.stream().filter(r -> !r.holds().test(target)).map(CelRule::message).toList();
    }

    public Optional<CelRule<T>> find(String expression) {
        return rules.stream().filter(r -> r.expression().equals(expression)).findFirst();
    }
}
