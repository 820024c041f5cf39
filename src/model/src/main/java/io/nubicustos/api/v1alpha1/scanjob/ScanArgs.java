package io.nubicustos.api.v1alpha1.scanjob;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the extra tool arguments of a ScanJob before they are appended to a tool's command.
 * Arguments never pass through a shell, but they reach tools that write files and fetch
 * configuration, so only a plain character set is allowed and every absolute path must stay
 * under {@code /results}. Problems name the argument's position, never its value.
 */
public final class ScanArgs {

    public static final int MAX_ARGS = 32;
    public static final int MAX_ARG_LENGTH = 256;
    public static final String RESULTS_DIR = "/results";

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_=:,./@+%-]*");

    private ScanArgs() {
    }

    /**
     * The character and path checks, and the tool's flag allowlist ({@link ToolFlags}): every
     * argument is an allowed flag ({@code --flag} or {@code --flag=value}) or a value following
     * one that takes values; a value never starts with {@code @} (a response file to read).
     */
    public static List<String> problems(Tool tool, List<String> args) {
        List<String> problems = problems(args);
        if (args == null || tool == null || !problems.isEmpty()) {
            return problems;
        }
        boolean valuesMayFollow = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-")) {
                int equals = arg.indexOf('=');
                String flag = equals < 0 ? arg : arg.substring(0, equals);
                var arity = ToolFlags.of(tool, flag);
                if (arity.isEmpty()) {
                    problems.add("args[" + i + "] is not a flag the cluster admin lets ScanJobs pass to " + tool.wireName()
                            + " (allowed: " + String.join(", ", ToolFlags.allowed(tool)) + ")");
                    valuesMayFollow = false;
                } else if (equals >= 0 && arity.get() == ToolFlags.Arity.NONE) {
                    problems.add("args[" + i + "] gives a value to a flag that takes none");
                    valuesMayFollow = false;
                } else {
                    valuesMayFollow = arity.get() == ToolFlags.Arity.VALUES;
                }
            } else if (!valuesMayFollow) {
                problems.add("args[" + i + "] is a value that follows no flag taking values");
            } else if (arg.startsWith("@")) {
                problems.add("args[" + i + "] starts with '@' (a file to read arguments from)");
            }
        }
        return problems;
    }

    public static List<String> problems(List<String> args) {
        List<String> problems = new ArrayList<>();
        if (args == null) {
            return problems;
        }
        if (args.size() > MAX_ARGS) {
            problems.add("args has " + args.size() + " items; at most " + MAX_ARGS + " are allowed");
        }
        for (int i = 0; i < args.size(); i++) {
            String problem = problem(args.get(i));
            if (problem != null) {
                problems.add("args[" + i + "] " + problem);
            }
        }
        return problems;
    }

    private static String problem(String arg) {
        if (arg == null || arg.isEmpty()) {
            return "is empty";
        }
        if (arg.length() > MAX_ARG_LENGTH) {
            return "is longer than " + MAX_ARG_LENGTH + " characters";
        }
        if (!ALLOWED.matcher(arg).matches()) {
            return "contains a character outside letters, digits and _=:,./@+%- (no spaces or shell metacharacters)";
        }
        for (String part : arg.split("[=,:]", -1)) {
            if (part.equals("..") || part.startsWith("../") || part.contains("/../") || part.endsWith("/..")) {
                return "refers to a parent directory ('..')";
            }
            if (part.startsWith("/") && !(part.equals(RESULTS_DIR) || part.startsWith(RESULTS_DIR + "/"))) {
                return "names a path outside " + RESULTS_DIR;
            }
        }
        return null;
    }
}
