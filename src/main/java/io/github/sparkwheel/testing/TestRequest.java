package io.github.sparkwheel.testing;

import io.github.sparkwheel.wheelhouse.TestRequirements;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a run of the module's Python tests reads: plain values, filled by the Mojo or a test. */
public final class TestRequest {

    /** The wheelhouse whose environment the tests run in (built for this machine). */
    public Path wheelhouse;
    /** The tests ({@code src/test/python}). */
    public Path testDirectory;
    /** The job's sources: a script job's script is importable from there. */
    public Path sourceDirectory;
    /** The tests' process starts here (the project's base directory). */
    public Path workingDirectory;
    /** Scratch space: the unpacked wheelhouse, the venv cache, the test dependencies, Spark's home and scratch. */
    public Path workDirectory;
    /** Where the JUnit XML report goes ({@code target/surefire-reports}). */
    public Path reportsDirectory;
    /** The report's suite, {@code pyspark.<artifactId>}: the file is {@code TEST-<suiteName>.xml}. */
    public String suiteName;
    /** The base interpreter the job's virtualenv is built on, as verify and the nodes build it. */
    public String python;
    /** What the up-to-date checks know the interpreter by. */
    public String interpreterIdentity;
    /** The test requirements, or {@code null}: then the runner is unittest unless the job itself has pytest. */
    public TestRequirements testRequirements;
    /** The interpreter, pip's options and timeout for the test dependencies. */
    public WheelhouseRequest pip;

    /** A Spark installation of the user's, or {@code null}: then a home is written for the Spark jars below. */
    public Path sparkHome;
    public final List<Path> sparkJars = new ArrayList<>();
    public String javaExecutable;
    public final List<String> moduleOptions = new ArrayList<>();
    /** The module's jar dependencies (a sibling module's Java UDFs, connectors), less what Spark has. */
    public final List<Path> jars = new ArrayList<>();
    /** pyspark.zip and py4j-*-src.zip on this machine; empty with a Spark home (its python/lib). */
    public final List<Path> pysparkArchives = new ArrayList<>();

    /** {@code -Dpyspark.test}: pytest's {@code -k} expression, or a unittest name pattern; {@code null}: all. */
    public String selection;
    public final List<String> testArgs = new ArrayList<>();
    public Duration timeout;
    /** Variables for the tests' process, on top of the inherited ones. */
    public final Map<String, String> environment = new LinkedHashMap<>();
}
