package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.JvmCommand;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.spark.PysparkArchives;
import io.github.sparkwheel.spark.SparkClasspath;
import io.github.sparkwheel.spark.SparkJars;
import io.github.sparkwheel.submit.SparkRequirements;
import io.github.sparkwheel.testing.PythonTests;
import io.github.sparkwheel.testing.TestReport;
import io.github.sparkwheel.testing.TestRequest;
import io.github.sparkwheel.wheelhouse.TestRequirements;
import io.github.sparkwheel.wheelhouse.WheelhouseBuilder;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import io.github.sparkwheel.wheelhouse.WheelhouseResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs the module's Python tests ({@code src/test/python}) in Maven's test phase, in the environment the job gets
 * on a node (the wheelhouse's wheels and lock, built by its bootstrap) plus the test dependencies, against a real
 * local Spark: {@code SparkSession.builder.master("local[2]").getOrCreate()} works with no Spark installed (the
 * Spark jars come from Maven, pyspark from {@code <pysparkArchives>} or the Python index). The module's jar
 * dependencies are on the driver's classpath, so a Java UDF of the reactor is callable from a test. pytest runs
 * when the test dependencies bring it, else stdlib unittest; the results are JUnit XML in
 * {@code target/surefire-reports}. For a job module, the wheelhouse built here is the one {@code package} then
 * finds up to date.
 *
 * @since 0.1.0
 */
@Mojo(name = TestMojo.GOAL_NAME, defaultPhase = LifecyclePhase.TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class TestMojo extends WheelhouseMojo {

    public static final String GOAL_NAME = "test";

    /**
     * Skips the tests, Java's and Python's alike (Surefire's property).
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /**
     * Skips compiling and running the tests (Maven's property).
     *
     * @since 0.1.0
     */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean mavenTestSkip;

    /**
     * Skips the Python tests only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.test.skip", defaultValue = "false")
    private boolean skipPythonTests;

    /**
     * Lets the build go on when a Python test fails (Surefire's property): the failures are logged and reported.
     *
     * @since 0.1.0
     */
    @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
    private boolean testFailureIgnore;

    /**
     * The module's Python tests.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.testSourceDirectory", defaultValue = "${project.basedir}/src/test/python")
    private File testSourceDirectory;

    /**
     * Which tests run: a pytest {@code -k} expression ({@code "wordcount and not slow"}), or for unittest a name
     * pattern ({@code test_counts}). Default: all.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.test")
    private String test;

    /**
     * Further arguments for pytest, one per element (e.g. {@code -x}, {@code -v}, {@code --durations=5}).
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> testArgs = new ArrayList<>();

    /**
     * Seconds the whole test run may take; then it is stopped and the build names the test that was running.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.test.timeout", defaultValue = "1800")
    private int testTimeout;

    /**
     * Environment variables for the tests, on top of the inherited ones.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> testEnvironmentVariables;

    /**
     * Where the JUnit XML report goes, as {@code TEST-pyspark.<artifactId>.xml}: Surefire's directory, which CI
     * servers read.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.reportsDirectory", defaultValue = "${project.build.directory}/surefire-reports")
    private File reportsDirectory;

    /**
     * The execution of this goal, for the plugin's other executions in the project.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Inject
    public TestMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper, SettingsDecrypter decrypter) {
        super(repositorySystem, projectHelper, decrypter);
    }

    @Override
    protected String goal() {
        return GOAL_NAME;
    }

    @Override
    protected boolean skipGoal() {
        return skipTests || mavenTestSkip || skipPythonTests;
    }

    @Override
    protected String skipProperty() {
        return mavenTestSkip ? "maven.test.skip" : skipTests ? "skipTests" : "pyspark.test.skip";
    }

    @Override
    protected void run() throws UserError, ProcessException, IOException {
        if (!testSourceDirectory.isDirectory()) {
            getLog().info("No Python tests: " + testSourceDirectory + " does not exist");
            return;
        }
        // a job's tests run in the wheelhouse that package then finds up to date; a library's, or those of a job
        // built for other machines, in a wheelhouse for this one
        boolean ownWheelhouse = !projectBuildsWheelhouse() || forOtherMachines();
        WheelhouseRequest wheelhouse = ownWheelhouse ? wheelhouseForThisMachine("pyspark-test/wheelhouse-build")
                : wheelhouseRequest();
        WheelhouseResult built = new WheelhouseBuilder(processRunner, buildLog()).build(wheelhouse);

        TestRequest request = new TestRequest();
        request.wheelhouse = wheelhouse.outputFile;
        request.testDirectory = testSourceDirectory.toPath();
        request.sourceDirectory = sourceDirectory.toPath();
        request.workingDirectory = project.getBasedir().toPath();
        request.workDirectory = outputDirectory.toPath().resolve("pyspark-test");
        request.reportsDirectory = reportsDirectory.toPath();
        request.suiteName = "pyspark." + project.getArtifactId();
        request.python = wheelhouse.python;
        request.interpreterIdentity = built.interpreterIdentity(); // the interpreter is not started a second time
        request.testRequirements = TestRequirements.find(sourceDirectory.toPath(), testSourceDirectory.toPath())
                .orElse(null);
        request.pip = pip(wheelhouse, request.workDirectory);
        request.selection = test == null || test.isBlank() ? null : test.trim();
        ParameterValues values = new ParameterValues(getLog());
        request.testArgs.addAll(values.strings(testArgs, "<testArgs>"));
        request.timeout = Duration.ofSeconds(testTimeout);
        request.environment.putAll(values.map(testEnvironmentVariables, "<testEnvironmentVariables>"));
        spark(request, wheelhouse);

        TestReport report = new PythonTests(processRunner, buildLog()).run(request);
        if (report == null) {
            return;
        }
        if (report.passed()) {
            getLog().info(report.summary());
        } else if (testFailureIgnore) {
            getLog().error(report.failureMessage());
        } else {
            throw new UserError(report.failureMessage());
        }
    }

    /** The tests' Spark: a Spark home, else the jars from Maven with pyspark from the archives or the index. */
    private void spark(TestRequest request, WheelhouseRequest wheelhouse) throws UserError, ProcessException,
            IOException {
        request.sparkHome = sparkHome();
        SparkRequirements.check(wheelhouse.outputFile, request.sparkHome, sparkVersion);
        if (request.sparkHome == null) {
            request.sparkJars.addAll(sparkJars(request.workDirectory));
            request.javaExecutable = JvmCommand.thisJava();
            request.moduleOptions.addAll(SparkJars.moduleOptions(request.sparkJars));
            request.pysparkArchives.addAll(pyspark(request));
        }
        List<Path> jars = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) { // the test classpath, as Surefire's
            if ("jar".equals(artifact.getType()) && artifact.getFile() != null
                    && !("org.spark-project.spark".equals(artifact.getGroupId()) && "unused".equals(artifact.getArtifactId()))) {
                jars.add(artifact.getFile().toPath());
            }
        }
        request.jars.addAll(SparkClasspath.of(request.sparkHome, request.sparkJars).split(jars).ship);
    }

    /** The archives that exist here, of those configured or else of pyspark from the Python index. */
    private List<Path> pyspark(TestRequest request) throws IOException {
        List<String> archives = pysparkArchives(request.pip.workDirectory,
                "The Python tests run, and those that import it fail,");
        List<Path> local = PysparkArchives.localFiles(archives);
        if (local.isEmpty() && !archives.isEmpty()) {
            getLog().warn("None of <pysparkArchives> " + archives + " is on this machine: the Python tests get no pyspark");
        }
        return local;
    }

    /** The wheelhouse's interpreter, pip options and timeout, for the tests' own pip runs in {@code workDirectory}. */
    private static WheelhouseRequest pip(WheelhouseRequest wheelhouse, Path workDirectory) {
        WheelhouseRequest pip = new WheelhouseRequest();
        pip.python = wheelhouse.python;
        pip.runtime = wheelhouse.runtime;
        pip.pip = wheelhouse.pip.copy();
        pip.timeout = wheelhouse.timeout;
        pip.outputTimestamp = wheelhouse.outputTimestamp;
        pip.pluginVersion = wheelhouse.pluginVersion;
        pip.workDirectory = workDirectory;
        return pip;
    }

    /** Whether this project builds a job's wheelhouse (the plugin's wheelhouse goal is bound), not only a library. */
    private boolean projectBuildsWheelhouse() {
        Plugin plugin = project.getPlugin(mojoExecution.getPlugin().getKey());
        if (plugin == null) {
            return false;
        }
        for (PluginExecution execution : plugin.getExecutions()) {
            if (execution.getGoals().contains(WheelhouseMojo.GOAL_NAME)) {
                return true;
            }
        }
        return false;
    }
}
