package io.nubicustos.operator.crd;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * JSON Schema {@code pattern} with Go RE2 semantics, as the API server evaluates CRD patterns:
 * a pattern RE2 cannot compile fails here as it fails there, instead of being accepted by
 * java.util.regex. JSON Schema patterns are unanchored (a match anywhere counts).
 */
final class Re2RegularExpressions implements RegularExpressionFactory {

    static final Re2RegularExpressions INSTANCE = new Re2RegularExpressions();

    private Re2RegularExpressions() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        com.google.re2j.Pattern pattern = com.google.re2j.Pattern.compile(regex);
        return value -> pattern.matcher(value).find();
    }
}
