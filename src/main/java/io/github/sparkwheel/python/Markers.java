package io.github.sparkwheel.python;

import io.github.sparkwheel.UserError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * PEP 508 environment markers ({@code python_version >= "3.9" and sys_platform == "linux"}), evaluated for the machine
 * a wheelhouse is for, not the one that builds it; with PEP 751's {@code 'x' in extras} and
 * {@code 'g' in dependency_groups}.
 */
public final class Markers {

    private static final Set<String> VERSION_VARIABLES = Set.of("python_version", "python_full_version",
            "implementation_version");

    /** The values of the marker variables on one kind of machine. */
    public static final class Environment {
        private final Map<String, String> values;
        private final Set<String> extras;
        private final Set<String> groups;

        private Environment(Map<String, String> values, Set<String> extras, Set<String> groups) {
            this.values = Map.copyOf(values);
            this.extras = Set.copyOf(extras);
            this.groups = Set.copyOf(groups);
        }

        /** This environment with these extras asked for (the {@code extra} variable, PEP 751's {@code extras}). */
        public Environment withExtras(Collection<String> asked) {
            Set<String> normal = new TreeSet<>();
            asked.forEach(e -> normal.add(Requirement.canonicalName(e)));
            return new Environment(values, normal, groups);
        }

        public Environment withGroups(Collection<String> asked) {
            Set<String> normal = new TreeSet<>();
            asked.forEach(g -> normal.add(Requirement.canonicalName(g)));
            return new Environment(values, extras, normal);
        }

        public String get(String variable) {
            return values.getOrDefault(variable, "");
        }

        /** {@code python_version == "3.11" and sys_platform == "linux" and platform_machine == "x86_64"} */
        public String describe() {
            return "python_version == \"" + get("python_version") + "\" and sys_platform == \"" + get("sys_platform")
                    + "\" and platform_machine == \"" + get("platform_machine") + "\"";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private Markers() {}

    /** The environment of the machine a probe describes. */
    public static Environment of(PythonInfo info) {
        String platform = info.platform == null ? "" : info.platform.toLowerCase(Locale.ROOT);
        String machine = platform.contains("-") ? platform.substring(platform.lastIndexOf('-') + 1) : "";
        String system = platform.startsWith("macosx") ? "darwin" : platform.startsWith("win") ? "win32" : "linux";
        String implementation = info.implementation == null ? "cpython" : info.implementation;
        return environment(info.majorMinor(), info.version, system, system.equals("win32") ? machine.toUpperCase(
                Locale.ROOT) : machine, implementation);
    }

    /**
     * The environment of a target's machines (their first platform): Linux, CPython of the target's version, its patch
     * release unknown (taken as {@code .0}).
     */
    public static Environment of(Target target) {
        String platform = target.platforms().get(0);
        String machine = Target.linuxArch(platform);
        if (machine == null) { // macosx_11_0_arm64, win_amd64
            machine = platform.substring(platform.lastIndexOf('_') + 1);
            if (platform.startsWith("win")) {
                return environment(target.python(), target.python() + ".0", "win32", machine.toUpperCase(Locale.ROOT),
                        "cpython");
            }
            return environment(target.python(), target.python() + ".0", "darwin", machine, "cpython");
        }
        return environment(target.python(), target.python() + ".0", "linux", machine, "cpython");
    }

    private static Environment environment(String majorMinor, String full, String sysPlatform, String machine,
            String implementation) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("python_version", majorMinor);
        v.put("python_full_version", full);
        v.put("implementation_name", implementation);
        v.put("implementation_version", full);
        v.put("platform_python_implementation", implementation.equals("cpython") ? "CPython"
                : implementation.equals("pypy") ? "PyPy" : implementation);
        v.put("sys_platform", sysPlatform);
        v.put("os_name", sysPlatform.equals("win32") ? "nt" : "posix");
        v.put("platform_system", sysPlatform.equals("linux") ? "Linux" : sysPlatform.equals("darwin") ? "Darwin"
                : "Windows");
        v.put("platform_machine", machine);
        return new Environment(v, Set.of(), Set.of());
    }

    /**
     * Whether {@code marker} holds in {@code environment}; {@code null} or blank holds everywhere.
     *
     * @throws UserError when the marker is not PEP 508 (the message names it)
     */
    public static boolean evaluate(String marker, Environment environment) throws UserError {
        if (marker == null || marker.isBlank()) {
            return true;
        }
        Parser parser = new Parser(marker, environment);
        boolean result = parser.or();
        if (parser.pos < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.pos) + "'");
        }
        return result;
    }

    private static final class Parser {
        private final String marker;
        private final Environment env;
        private final List<String> tokens = new ArrayList<>();
        private int pos;

        Parser(String marker, Environment env) throws UserError {
            this.marker = marker;
            this.env = env;
            int i = 0;
            while (i < marker.length()) {
                char c = marker.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'' || c == '"') {
                    int end = marker.indexOf(c, i + 1);
                    if (end < 0) {
                        throw error("a string is not closed");
                    }
                    tokens.add(marker.substring(i, end + 1));
                    i = end + 1;
                } else if (c == '(' || c == ')') {
                    tokens.add(String.valueOf(c));
                    i++;
                } else if ("=!<>~".indexOf(c) >= 0) {
                    int end = i;
                    while (end < marker.length() && "=!<>~".indexOf(marker.charAt(end)) >= 0) {
                        end++;
                    }
                    tokens.add(marker.substring(i, end));
                    i = end;
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                    int end = i;
                    while (end < marker.length() && (Character.isLetterOrDigit(marker.charAt(end))
                            || marker.charAt(end) == '_' || marker.charAt(end) == '.')) {
                        end++;
                    }
                    tokens.add(marker.substring(i, end));
                    i = end;
                } else {
                    throw error("unexpected '" + c + "'");
                }
            }
        }

        UserError error(String what) {
            return new UserError("The environment marker '" + marker + "' is not PEP 508: " + what);
        }

        private String peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        private String next() throws UserError {
            if (pos >= tokens.size()) {
                throw error("it ends too early");
            }
            return tokens.get(pos++);
        }

        boolean or() throws UserError {
            boolean value = and();
            while ("or".equals(peek())) {
                pos++;
                value = and() | value;
            }
            return value;
        }

        private boolean and() throws UserError {
            boolean value = expression();
            while ("and".equals(peek())) {
                pos++;
                value = expression() & value;
            }
            return value;
        }

        private boolean expression() throws UserError {
            if ("(".equals(peek())) {
                pos++;
                boolean value = or();
                if (!")".equals(peek())) {
                    throw error("a parenthesis is not closed");
                }
                pos++;
                return value;
            }
            String left = next();
            String op = next();
            if (op.equals("not")) {
                if (!"in".equals(next())) {
                    throw error("'not' without 'in'");
                }
                op = "not in";
            }
            String right = next();
            return compare(left, op, right);
        }

        private boolean compare(String left, String op, String right) throws UserError {
            boolean leftVariable = !isString(left);
            boolean rightVariable = !isString(right);
            String variable = leftVariable ? left : rightVariable ? right : null;
            if ("extra".equals(variable)) { // true when any extra asked for matches
                String other = unquote(leftVariable ? right : left);
                boolean any = env.extras.contains(Requirement.canonicalName(other));
                return op.equals("!=") ? !any : any;
            }
            if (rightVariable && (right.equals("extras") || right.equals("dependency_groups"))
                    && (op.equals("in") || op.equals("not in"))) {
                Set<String> set = right.equals("extras") ? env.extras : env.groups;
                boolean in = set.contains(Requirement.canonicalName(unquote(left)));
                return op.equals("in") == in;
            }
            String l = value(left);
            String r = value(right);
            switch (op) {
                case "in":
                    return r.contains(l);
                case "not in":
                    return !r.contains(l);
                default:
                    break;
            }
            if (!List.of("==", "!=", "<", "<=", ">", ">=", "~=", "===").contains(op)) {
                throw error("'" + op + "' is not a comparison");
            }
            Version lv = VERSION_VARIABLES.contains(variable) || Version.parse(l) != null ? Version.parse(l) : null;
            if (lv != null && Version.parse(r.replace(".*", "")) != null && !op.equals("===")) {
                try {
                    return lv.satisfies(op + r);
                } catch (IllegalArgumentException e) {
                    // not a version comparison after all: compare the strings
                }
            }
            switch (op) {
                case "==":
                case "===":
                    return l.equals(r);
                case "!=":
                    return !l.equals(r);
                default:
                    if (l.isEmpty() || r.isEmpty()) {
                        return false; // a variable the target's machines are not known by (platform_release): no match
                    }
                    throw error("'" + l + "' " + op + " '" + r + "' compares strings that are not versions");
            }
        }

        private String value(String token) throws UserError {
            if (isString(token)) {
                return unquote(token);
            }
            if (!token.matches("[a-z_]+")) {
                throw error("'" + token + "' is neither a quoted string nor a marker variable");
            }
            return env.get(token);
        }

        private static boolean isString(String token) {
            return token.startsWith("'") || token.startsWith("\"");
        }

        private static String unquote(String token) {
            return isString(token) ? token.substring(1, token.length() - 1) : token;
        }
    }
}
