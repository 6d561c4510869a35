package io.github.sparkwheel.testing;

import com.google.gson.JsonObject;
import io.github.sparkwheel.Digests;
import io.github.sparkwheel.Resources;
import io.github.sparkwheel.SharedCache;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.Heartbeat;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.process.ProcessTimeoutException;
import io.github.sparkwheel.protocol.Protocol;
import io.github.sparkwheel.runner.Bootstrap;
import io.github.sparkwheel.spark.SparkHome;
import io.github.sparkwheel.wheelhouse.Lock;
import io.github.sparkwheel.wheelhouse.Manifest;
import io.github.sparkwheel.wheelhouse.ZipExtractor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a module's Python tests the way its job runs on a node: in the virtualenv that the wheelhouse's bootstrap
 * builds (same wheels, same lock; cached under the build directory, so a second run builds none), with the test
 * dependencies beside it, against a real local Spark: a Spark home of the user's, or one written for the Spark jars
 * resolved from Maven. pytest runs when it is there, else stdlib unittest discovery; either way the results are a
 * JUnit XML report in {@code target/surefire-reports}, where Surefire's own are.
 */
public final class PythonTests {

    private static final String PYTEST_PLUGIN = "pyspark_test_plugin";
    private static final String RESOURCES = "/io/github/sparkwheel/testing/";
    private static final String UNITTEST_RUNNER = "unittest_junit.py";
    /** How the runners (the pytest plugin, the unittest runner) say on stderr which test starts. */
    static final String START = Protocol.Program.TESTS.line(Protocol.TESTS_START + " ");
    static final Duration HEARTBEAT = Duration.ofSeconds(60);

    private final ProcessRunner runner;
    private final BuildLog log;

    public PythonTests(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** @return the report, or {@code null} when there were no tests to run */
    public TestReport run(TestRequest request) throws UserError, ProcessException, IOException {
        if (!Files.isDirectory(request.testDirectory)) {
            log.info("No Python tests: " + request.testDirectory + " does not exist");
            return null;
        }
        Path work = request.workDirectory;
        if (!Files.isRegularFile(request.wheelhouse)) {
            throw new UserError("No wheelhouse at " + request.wheelhouse + " to run the Python tests in");
        }
        JsonObject manifest = Manifest.read(request.wheelhouse);
        Path wheelhouse = unpack(request.wheelhouse, manifest, work.resolve("wheelhouse"));

        List<String> pythonPath = new ArrayList<>();
        Path site = null;
        if (request.testRequirements != null) {
            request.pip.workDirectory = work.resolve("test-dependencies");
            site = new TestDependencies(runner, log).install(request.testRequirements, request.sourceDirectory,
                    request.pip, wheelhouse.resolve(Manifest.WHEEL_DIRECTORY), wheelhouse.resolve(Lock.FILE_NAME),
                    request.interpreterIdentity);
            pythonPath.add(site.toString());
        }
        Path runnerDir = Files.createDirectories(work.resolve("runner"));
        for (String file : List.of(PYTEST_PLUGIN + ".py", UNITTEST_RUNNER)) {
            Files.write(runnerDir.resolve(file), Resources.bytes(RESOURCES + file));
        }
        pythonPath.add(runnerDir.toString());
        if (manifest.has("script") && !manifest.get("script").isJsonNull()) { // a script job: its script is importable
            pythonPath.add(request.sourceDirectory.toAbsolutePath().toString());
        }
        Path sparkHome = request.sparkHome;
        List<Path> driverClassPath = new ArrayList<>();
        if (sparkHome != null) {
            pythonPath.add(SparkHome.pythonPath(sparkHome));
            driverClassPath.addAll(request.jars);
        } else {
            List<Path> classpath = new ArrayList<>(request.sparkJars);
            classpath.addAll(request.jars);
            sparkHome = LocalSparkHome.write(work.resolve("spark-home"), request.javaExecutable, request.moduleOptions,
                    classpath, request.pysparkArchives);
            request.pysparkArchives.forEach(a -> pythonPath.add(a.toAbsolutePath().toString()));
        }

        boolean pytest = hasPytest(site, wheelhouse.resolve(Lock.FILE_NAME));
        Files.createDirectories(request.reportsDirectory);
        Path report = request.reportsDirectory.resolve("TEST-" + request.suiteName + ".xml");
        Files.deleteIfExists(report);
        String interpreter = wheelhouse.resolve(Bootstrap.INTERPRETER).toString();
        List<String> command = new ArrayList<>(List.of(interpreter));
        if (pytest) {
            command.addAll(List.of("-m", "pytest", request.testDirectory.toAbsolutePath().toString(),
                    "--junitxml=" + report, "-o", "junit_suite_name=" + request.suiteName, "-o", "junit_family=xunit2",
                    "-o", "cache_dir=" + work.resolve("pytest-cache"), "-p", PYTEST_PLUGIN));
            if (request.testArgs.stream().noneMatch(a -> a.startsWith("--rootdir"))) { // tests named from there
                command.add("--rootdir=" + request.testDirectory.toAbsolutePath());
            }
            if (request.selection != null) {
                command.addAll(List.of("-k", request.selection));
            }
            command.addAll(request.testArgs);
        } else {
            if (!request.testArgs.isEmpty()) {
                log.warn("<testArgs> " + request.testArgs + " are pytest's, and pytest is not among the test "
                        + "dependencies: unittest runs without them");
            }
            command.addAll(List.of(runnerDir.resolve(UNITTEST_RUNNER).toString(),
                    request.testDirectory.toAbsolutePath().toString(), report.toString(), request.suiteName));
            if (request.selection != null) {
                command.addAll(List.of("-k", request.selection));
            }
        }
        ProcessSpec spec = ProcessSpec.builder(command)
                .description("the Python tests")
                .workingDirectory(request.workingDirectory)
                .timeout(request.timeout)
                .removeVariablesStartingWith("PYSPARK_")
                .removeVariablesStartingWith("PYTHONPATH")
                // local tests: a cluster's configuration of this machine must not reach them
                .removeVariablesStartingWith("HADOOP_CONF_DIR")
                .removeVariablesStartingWith("YARN_CONF_DIR")
                .removeVariablesStartingWith("SPARK_CONF_DIR")
                .env(Bootstrap.BASE_PYTHON_VARIABLE, request.python)
                .env(Bootstrap.CACHE_VARIABLE, work.resolve("cache").toString())
                .env("PYSPARK_PYTHON", interpreter) // Spark's Python workers: the same environment
                .env("PYSPARK_DRIVER_PYTHON", interpreter)
                .env("SPARK_HOME", sparkHome.toString())
                .env("PYSPARK_SUBMIT_ARGS", LocalSparkHome.submitArgs(work.resolve("spark"), driverClassPath))
                .env("PYTHONPATH", String.join(File.pathSeparator, pythonPath))
                .env("PYTHONPYCACHEPREFIX", work.resolve("pycache").toString()) // no __pycache__ in src/test/python
                .environment(request.environment)
                .build();
        log.info("Running the Python tests of " + request.testDirectory + " with " + (pytest ? "pytest" : "unittest "
                + "(no pytest among the test dependencies)") + (request.selection == null ? "" : ", selected by "
                + request.selection) + ", in the job's environment and a local Spark (" + (request.sparkHome != null
                ? "the Spark home " + request.sparkHome : "Spark from Maven") + ")");
        TestReport.loadParserMeanwhile();
        ProcessResult result = runTests(spec, request, report);
        boolean noTests = pytest ? result.exitCode() == Protocol.Failure.NO_TESTS.status() // pytest's own status
                : Protocol.Failure.NO_TESTS.message(result.stdout()).isPresent();
        if (noTests) {
            if (request.selection != null) {
                throw new UserError("No Python test of " + request.testDirectory + " matches -Dpyspark.test="
                        + request.selection + ": perhaps you should fix the selection (pytest's -k expression"
                        + (pytest ? "" : ", or a unittest name pattern") + ")");
            }
            log.info("No Python tests to run in " + request.testDirectory);
            return null;
        }
        if (!Files.isRegularFile(report)) {
            throw new UserError("The Python tests could not run (" + (pytest ? "pytest" : "unittest") + " exit code "
                    + result.exitCode() + ", no report written):" + System.lineSeparator() + result.tailText());
        }
        TestReport outcome = TestReport.read(report);
        if (outcome.passed() && !result.succeeded()) {
            throw new UserError("The Python test run failed (" + (pytest ? "pytest" : "unittest") + " exit code "
                    + result.exitCode() + ") although its report " + report + " names no failed test:"
                    + System.lineSeparator() + result.tailText());
        }
        return outcome;
    }

    /** Runs the tests, their output as the build's; a timeout names the test that was running, if the runner said. */
    private ProcessResult runTests(ProcessSpec spec, TestRequest request, Path report) throws UserError,
            ProcessException, IOException {
        String[] running = {null};
        BuildLog output = new BuildLog() {
            @Override
            public void debug(String message) {
                log.debug(message);
            }

            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void warn(String message) { // stderr: Spark's log and the tests' own, not the build's warnings
                if (message.startsWith(START)) {
                    running[0] = message.substring(START.length());
                    log.debug(message);
                } else {
                    log.info(message);
                }
            }
        };
        try (Heartbeat beat = Heartbeat.every(HEARTBEAT, log, waited -> "The Python tests are still running ("
                + waited.toSeconds() + " s)" + (running[0] == null ? "" : ", in " + running[0]))) {
            return runner.run(spec, beat.watch(output));
        } catch (ProcessTimeoutException stopped) { // the message says all that the exception knows
            TestReport.writeTimedOut(report, request.suiteName, running[0], request.timeout);
            throw new UserError("The Python tests did not finish within " + request.timeout.toSeconds() + " s and were "
                    + "stopped" + (running[0] == null ? "" : ": " + running[0] + " was running") + ". Find what it waits "
                    + "for, or perhaps you should raise <testTimeout> or -Dpyspark.test.timeout (" + report + " says "
                    + "so for CI servers)");
        }
    }

    /** pytest is there when a test dependency or the job itself brings it. */
    private static boolean hasPytest(Path site, Path lock) throws IOException {
        if (site != null && Files.isDirectory(site.resolve("pytest"))) {
            return true;
        }
        return Files.readString(lock, StandardCharsets.UTF_8).lines().anyMatch(l -> l.startsWith("pytest=="));
    }

    /**
     * The wheelhouse unpacked in {@code into}, once per content: its manifest names the digest of every other entry,
     * so the manifest's own digest stands for the whole zip without reading all of it.
     */
    private static Path unpack(Path wheelhouse, JsonObject manifest, Path into) throws IOException {
        Path state = into.resolveSibling("wheelhouse.state");
        String content = Digests.sha256(manifest.toString().getBytes(StandardCharsets.UTF_8));
        if (Files.isDirectory(into) && Files.isRegularFile(state) && Files.readString(state).trim().equals(content)) {
            return into;
        }
        Files.deleteIfExists(state);
        SharedCache.deleteRecursively(into);
        ZipExtractor.extract(wheelhouse, into);
        Files.writeString(state, content + "\n");
        return into;
    }
}
