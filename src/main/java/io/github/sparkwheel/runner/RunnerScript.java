package io.github.sparkwheel.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The wheelhouse's runner: PySpark has no {@code --class}, so spark-submit runs this script, which
 * imports the job's entry point, passes the job arguments through and exits with its return code.
 */
public final class RunnerScript {

    public static final String FILE_NAME = "runner.py";
    private static final String TEMPLATE = load("runner.py");
    private static final String PLACEHOLDER = "@ENTRY_POINT@";

    private RunnerScript() {}

    public static String render(EntryPoint entryPoint) {
        // the entry point is validated: identifiers, dots and a colon only, safe in a Python string
        return TEMPLATE.replace(PLACEHOLDER, entryPoint.toString());
    }

    /** The template itself, for the up-to-date check. */
    public static String template() {
        return TEMPLATE;
    }

    private static String load(String name) {
        try (InputStream in = RunnerScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
