package io.nubicustos.operator.argocd;

import java.util.regex.Pattern;

/**
 * The glob syntax of an ArgoCD directory source's include and exclude (gobwas/glob compiled without
 * separators, matched against the file's path relative to the source path): {@code *} matches any
 * run of characters, {@code /} included; {@code ?} any one character; {@code {a,b}} either
 * alternative; {@code [...]} a character class. Nested braces are not needed here and not supported.
 */
final class ArgoCdGlob {

    private ArgoCdGlob() {
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        boolean inBraces = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '{' -> {
                    if (inBraces) {
                        throw new IllegalArgumentException("nested braces in " + glob);
                    }
                    inBraces = true;
                    regex.append("(?:");
                }
                case '}' -> {
                    inBraces = false;
                    regex.append(')');
                }
                case ',' -> regex.append(inBraces ? "|" : ",");
                case '[' -> {
                    int end = glob.indexOf(']', i);
                    String body = glob.substring(i + 1, end);
                    regex.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
                    i = end;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inBraces) {
            throw new IllegalArgumentException("unclosed brace in " + glob);
        }
        return Pattern.compile(regex.toString());
    }
}
