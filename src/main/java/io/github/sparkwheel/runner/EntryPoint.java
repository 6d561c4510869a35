package io.github.sparkwheel.runner;

import io.github.sparkwheel.UserError;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's entry point in the syntax of Python entry points: {@code package.module:function}
 * (an attribute path such as {@code module:Job.main} works too), or {@code package.module} alone to
 * run the module as {@code __main__}. Extras ({@code [extra]}) are accepted and ignored.
 */
public final class EntryPoint {

    private static final String IDENTIFIER = "[\\p{L}_][\\p{L}\\p{N}_]*";
    private static final String DOTTED = IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + ")*";
    private static final Pattern SYNTAX = Pattern.compile(
            "^\\s*(?<module>" + DOTTED + ")\\s*(?::\\s*(?<attr>" + DOTTED + "))?\\s*(?:\\[[^\\]]*\\])?\\s*$");

    private final String module;
    private final String attribute;

    private EntryPoint(String module, String attribute) {
        this.module = module;
        this.attribute = attribute;
    }

    /** Parses and validates, with an error that names {@code <entryPoint>}. */
    public static EntryPoint parse(String text) throws UserError {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new UserError("Entry point '" + text + "' is malformed: write it as package.module:function (or "
                    + "package.module to run the module as __main__), perhaps you should fix <entryPoint> or "
                    + "-Dpyspark.entryPoint");
        }
        String attr = m.group("attr");
        return new EntryPoint(m.group("module").replaceAll("\\s", ""), attr == null ? null : attr.replaceAll("\\s", ""));
    }

    public String module() {
        return module;
    }

    public Optional<String> attribute() {
        return Optional.ofNullable(attribute);
    }

    @Override
    public String toString() {
        return attribute == null ? module : module + ":" + attribute;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryPoint && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
