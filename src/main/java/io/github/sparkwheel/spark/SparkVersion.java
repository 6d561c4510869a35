package io.github.sparkwheel.spark;

import io.github.sparkwheel.UserError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark version and what it asks of the machines around it: the Scala binary version its artifacts
 * are built for by default, the Python its driver and executors need, the Java its client needs.
 */
public final class SparkVersion {

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[-.].*)?$");

    private final String version;
    private final int major;
    private final int minor;

    private SparkVersion(String version, int major, int minor) {
        this.version = version;
        this.major = major;
        this.minor = minor;
    }

    /** @param version {@code 3.5.5}, {@code 4.0.1}, {@code 4.1.0-SNAPSHOT} */
    public static SparkVersion of(String version) throws UserError {
        Matcher m = VERSION.matcher(version == null ? "" : version.trim());
        if (!m.matches()) {
            throw new UserError("'" + version + "' is not a Spark version (3.5.5, 4.0.1), perhaps you should fix "
                    + "<sparkVersion> or -Dpyspark.sparkVersion");
        }
        return new SparkVersion(version.trim(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public int major() {
        return major;
    }

    /**
     * The Scala binary version Spark's artifacts are taken in when none is configured: 2.13 from Spark 4 on
     * (its only one), 2.12 before (Spark 3's default build).
     */
    public String defaultScalaBinaryVersion() {
        return major >= 4 ? "2.13" : "2.12";
    }

    /** Whether Spark of this version is published for that Scala binary version at all. */
    public boolean builtFor(String scalaBinaryVersion) {
        return major < 4 || "2.13".equals(scalaBinaryVersion);
    }

    /** The oldest Python its PySpark runs on, as {@code {3, minor}}: 3.9 for Spark 4, 3.8 for Spark 3.4 and 3.5. */
    public int[] minimumPython() {
        if (major >= 4) {
            return new int[] {3, 9};
        }
        return major == 3 && minor >= 4 ? new int[] {3, 8} : new int[] {3, 7};
    }

    /** The oldest Java its client (SparkSubmit) runs on: 17 for Spark 4, 8 before. */
    public int minimumJava() {
        return major >= 4 ? 17 : 8;
    }

    /**
     * Fails when a wheelhouse built for Python {@code majorMinor} ({@code 3.8}) cannot run under this Spark,
     * before anything is resolved or submitted.
     *
     * @param what the wheelhouse, for the message
     */
    public void checkPython(String majorMinor, String what) throws UserError {
        int[] need = minimumPython();
        String[] parts = majorMinor.split("\\.");
        int got = Integer.parseInt(parts[0]) * 100 + Integer.parseInt(parts[1]);
        if (got < need[0] * 100 + need[1]) {
            throw new UserError("Spark " + version + " needs Python " + need[0] + "." + need[1] + " or newer on the driver "
                    + "and the executors, but " + what + " was built for Python " + majorMinor + " (its wheels run "
                    + "only there): rebuild it for a Python " + need[0] + "." + need[1] + "+ that the cluster's nodes run, "
                    + "with <python> (-Dpyspark.python) or <targetPython> (-Dpyspark.targetPython), or ship a Python "
                    + "with the job: <pythonRuntime> (-Dpyspark.pythonRuntime), e.g. "
                    + "org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64; or submit it to an older Spark (<sparkVersion>)");
        }
    }

    /** Fails when the JVM that would run SparkSubmit ({@code java.specification.version}) is too old. */
    public void checkJava(String specificationVersion, String javaHome) throws UserError {
        String spec = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int got = Integer.parseInt(spec.split("\\.")[0]);
        if (got < minimumJava()) {
            throw new UserError("Spark " + version + " needs Java " + minimumJava() + " or newer to submit, but Maven "
                    + "runs on Java " + specificationVersion + " (" + javaHome + "), whose java would run SparkSubmit: run "
                    + "Maven with a JDK " + minimumJava() + "+ (JAVA_HOME), or set <sparkHome> to a Spark installation");
        }
    }

    @Override
    public String toString() {
        return version;
    }
}
