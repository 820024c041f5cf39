package io.nubicustos.operator.crd.cel;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Property names as CEL rules see them: the API server escapes names that are CEL keywords or
 * hold {@code . - /} (e.g. a property {@code namespace} is {@code self.__namespace__} in a rule)
 * and hides names that cannot be escaped. A rule written against the raw name fails there.
 */
final class CelPropertyNames {

    private static final Pattern ACCESSIBLE = Pattern.compile("^[a-zA-Z_.\\-/][a-zA-Z0-9_.\\-/]*$");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const", "continue",
            "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");

    private CelPropertyNames() {
    }

    /** The name a rule uses for {@code property}; empty when rules cannot reach it. */
    static Optional<String> escape(String property) {
        if (RESERVED.contains(property)) {
            return Optional.of("__" + property + "__");
        }
        if (!ACCESSIBLE.matcher(property).matches()) {
            return Optional.empty();
        }
        return Optional.of(property.replace("__", "__underscores__").replace(".", "__dot__")
                .replace("-", "__dash__").replace("/", "__slash__"));
    }
}
