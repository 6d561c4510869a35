package io.github.sparkwheel.runner;

import io.github.sparkwheel.Resources;

/**
 * The wheelhouse's runner: PySpark has no {@code --class}, so spark-submit runs this script, which
 * imports the job's entry point, passes the job arguments through and exits with its return code.
 */
public final class RunnerScript {

    public static final String FILE_NAME = "runner.py";
    private static final String TEMPLATE = Resources.text("/io/github/sparkwheel/runner/runner.py");
    private static final String PLACEHOLDER = "@ENTRY_POINT@";

    private RunnerScript() {}

    public static String render(EntryPoint entryPoint) {
        // the entry point is validated: identifiers, dots and a colon only, safe in a Python string
        return TEMPLATE.replace(PLACEHOLDER, entryPoint.toString());
    }

    /**
     * The runner of a library's wheelhouse, built for its tests: there is no job to run, and it says so if submitted.
     */
    public static String withoutEntryPoint() {
        return "import sys\n\nsys.exit(\"pyspark-maven-plugin: this wheelhouse was built for a library's tests and has no "
                + "entry point; build the job's wheelhouse (mvn package) to submit a job\")\n";
    }

    /** The template itself, for the up-to-date check. */
    public static String template() {
        return TEMPLATE;
    }
}
