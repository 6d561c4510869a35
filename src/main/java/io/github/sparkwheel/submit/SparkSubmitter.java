package io.github.sparkwheel.submit;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.Heartbeat;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.process.ProcessTimeoutException;
import io.github.sparkwheel.process.SecretMasker;
import io.github.sparkwheel.runner.RunnerScript;
import io.github.sparkwheel.spark.SparkJars;
import io.github.sparkwheel.staging.StagingPlan;
import io.github.sparkwheel.wheelhouse.Lock;
import io.github.sparkwheel.wheelhouse.SourceTree;
import io.github.sparkwheel.wheelhouse.ZipExtractor;
import io.github.sparkwheel.yarn.SubmissionFollower;
import io.github.sparkwheel.yarn.YarnApplications;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Ships a wheelhouse to Spark and follows the application: prepares the runner (and, for a
 * client-mode driver, the unpacked wheelhouse), composes the spark-submit call, runs it, and turns
 * the YARN application's final status into a result or a {@link UserError} with YARN's diagnostics.
 */
public final class SparkSubmitter {

    /** After this long without a line in the build's log, a line says what the submission waits on. */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final ProcessRunner runner;
    private final BuildLog log;

    public SparkSubmitter(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** @return the YARN application id, when there was one */
    public String submit(SubmitRequest request) throws UserError, ProcessException, IOException {
        SparkSubmitCommand command = prepare(request);
        List<String> args = command.command();
        Map<String, String> env = command.environment();
        List<String> secrets = secrets(request);
        SecretMasker masker = new SecretMasker(secrets);
        if (request.dryRun) {
            log.info("Dry run, nothing is submitted. The command:");
            log.info(masker.maskCommandLine(args));
            log.info("Its environment (on top of the inherited one):");
            env.forEach((k, v) -> log.info("  " + k + "=" + masker.mask(v)));
            return null;
        }
        log.info("Submitting " + request.wheelhouse.getFileName() + " to " + request.master + " (" + request.deployMode
                + " mode, " + request.environment.name().toLowerCase(Locale.ROOT) + " environment)");
        log.debug("Running " + masker.maskCommandLine(args));
        ProcessSpec spec = ProcessSpec.builder(args).description("spark-submit").environment(env)
                .timeout(request.timeout).secrets(secrets).workingDirectory(request.workDirectory).build();
        ProcessResult result;
        SubmissionFollower[] following = new SubmissionFollower[1]; // the heartbeat asks it what the wait is on
        try (Heartbeat beat = Heartbeat.every(HEARTBEAT, log, waited -> following[0].status())) {
            following[0] = new SubmissionFollower(beat.watch(log));
            result = runner.run(spec, following[0]);
        } catch (ProcessTimeoutException e) {
            throw timedOut(request, following[0], e);
        }
        SubmissionFollower follower = following[0];
        String app = follower.applicationId();
        List<String> uploads = follower.uploads();
        if (app != null) {
            log.info("Spark uploaded " + uploads.size() + " files for " + app + (uploads.isEmpty() ? ""
                    : ": " + String.join(", ", uploads.size() <= 12 ? uploads : uploads.subList(0, 12))
                            + (uploads.size() <= 12 ? "" : ", …")));
        }
        if (app == null && result.exitCode() == YarnApplications.UNREACHABLE_STATUS) {
            UserError unreachable = unreachable(result);
            if (unreachable != null) {
                throw unreachable;
            }
        }
        if (app == null && result.exitCode() == StagingPlan.CANNOT_WRITE_STATUS && request.layered()) {
            throw LayerStaging.failed(result);
        }
        if (result.succeeded()) {
            if (app != null && !request.clusterMode()) {
                log.info("The driver finished successfully; YARN application " + app + " ran its executors");
            } else if (app != null) {
                log.info("YARN application " + app + (request.waitForCompletion
                        ? " finished: " + (follower.finalStatus() == null ? "SUCCEEDED" : follower.finalStatus())
                        : " submitted; not waiting for it (<waitForCompletion> is false)"));
            } else if (request.yarn()) {
                log.warn("spark-submit succeeded but named no YARN application: its logging may be configured away "
                        + "(log4j2 at INFO is what lets this goal follow the application)");
            } else {
                log.info("spark-submit finished successfully");
            }
            return app;
        }
        throw new UserError(failure(request, follower, result));
    }

    /**
     * Why the submission failed: YARN's diagnostics and, in cluster mode, what the driver wrote (its
     * Python traceback) as the ApplicationMaster's logs hold it; else spark-submit's last lines.
     */
    private String failure(SubmitRequest request, SubmissionFollower follower, ProcessResult result) {
        String app = follower.applicationId();
        String nl = System.lineSeparator();
        StringBuilder message = new StringBuilder();
        boolean driverShown = false;
        if (app != null) {
            message.append("Spark application ").append(app).append(" failed");
            if (follower.finalStatus() != null) {
                message.append(" (final status ").append(follower.finalStatus()).append(')');
            }
            List<String> diagnostics = follower.diagnostics();
            if (!diagnostics.isEmpty()) {
                message.append(": YARN diagnostics: ").append(String.join(" | ", diagnostics));
            }
            YarnApplications.DriverLog driver = driverLog(request, app, "The driver's output");
            if (driver != null) {
                message.append(nl).append(driver.text);
                driverShown = driver.read;
            }
            message.append(nl).append("Its logs: yarn logs -applicationId ").append(app);
        } else {
            message.append("spark-submit failed before YARN accepted the application");
        }
        message.append(nl).append("spark-submit exited with code ").append(result.exitCode());
        if (!driverShown) {
            message.append("; its last lines:").append(nl).append(result.tailText());
        }
        return message.toString();
    }

    private SparkSubmitCommand prepare(SubmitRequest request) throws UserError, IOException {
        if (request.wheelhouse == null || !Files.isRegularFile(request.wheelhouse)) {
            throw new UserError("No wheelhouse to submit at " + request.wheelhouse + ": run mvn package first, or "
                    + "perhaps you should set <wheelhouse> or -Dpyspark.wheelhouse");
        }
        if (!request.deployMode.equals("cluster") && !request.deployMode.equals("client")) {
            throw new UserError("Unknown deploy mode '" + request.deployMode + "': use cluster or client, perhaps you "
                    + "should fix <deployMode> or -Dpyspark.deployMode");
        }
        if (request.pythonRuntime != null && request.environment != EnvironmentMode.BOOTSTRAP) {
            throw new UserError("The wheelhouse comes with a Python runtime (" + request.pythonRuntime.unpacked().describe()
                    + "), which the bootstrap environment runs on the nodes; the virtualenv environment builds its "
                    + "virtualenvs from the nodes' own Python: perhaps you should set <environment>bootstrap</environment> "
                    + "(-Dpyspark.environment=bootstrap)");
        }
        if (request.sparkHome != null) {
            if (!Files.isRegularFile(request.sparkHome.resolve("bin/spark-submit"))) {
                throw new UserError("No bin/spark-submit in the Spark home " + request.sparkHome + ", perhaps you "
                        + "should fix <sparkHome> or -Dpyspark.sparkHome (or SPARK_HOME), or unset them to run Spark "
                        + "from Maven artifacts (<sparkVersion>)");
            }
        } else if (request.sparkJars.isEmpty()) {
            throw new IllegalStateException("neither a Spark home nor Spark's jars");
        }
        Path work = request.workDirectory;
        Files.createDirectories(work);
        Path runnerFile = work.resolve(RunnerScript.FILE_NAME);
        Path lockFile = work.resolve(Lock.FILE_NAME);
        extract(request.wheelhouse, RunnerScript.FILE_NAME, runnerFile);
        extract(request.wheelhouse, Lock.FILE_NAME, lockFile);
        Path local = null;
        if (!request.clusterMode()) {
            // a client-mode driver runs here, through the same bootstrap as the executors
            local = work.resolve(request.alias);
            SourceTree.deleteRecursively(local);
            ZipExtractor.extract(request.wheelhouse, local);
        }
        if (request.pythonRuntime != null) {
            log.info("The job runs on the Python runtime " + request.pythonRuntime.unpacked().describe() + ", shipped as "
                    + request.pythonRuntime.layer().getFileName() + " (" + Files.size(request.pythonRuntime.layer()) / 1024
                    + " KB) to ./" + request.runtimeAlias() + " in every container");
        }
        List<String> moduleOptions = request.sparkHome == null ? SparkJars.moduleOptions(request.sparkJars) : List.of();
        List<Path> jars = LayerStaging.jarsToShip(request, log);
        if (request.sparkHome == null && request.pysparkArchives.isEmpty()) {
            log.info("No pyspark is shipped (no Spark home, no <pysparkArchives>): a job that imports pyspark needs "
                    + "it on the nodes; set <pysparkArchives> to pyspark.zip and py4j-*.zip (local: paths on the nodes, "
                    + "or files to upload)");
        }
        if (request.sparkHome != null && request.yarn() && !request.dryRun) {
            checkCluster(request); // bin/spark-submit cannot host the check: a JVM of its own, before it
        }
        StagedSubmission staged = null;
        if (request.layered()) {
            LayerStaging staging = new LayerStaging(runner, log);
            staged = staging.prepare(request, jars);
            if (request.sparkHome != null || request.dryRun) { // else SparkSubmit's own JVM stages them first
                staging.stage(request, staged);
            }
        }
        return new SparkSubmitCommand(request, runnerFile, lockFile, local, moduleOptions, jars, staged);
    }

    /** The cluster check's verdict, in the user's terms; {@code null} when the output holds none. */
    static UserError unreachable(ProcessResult result) {
        for (String line : result.tail()) {
            int at = line.indexOf(YarnApplications.CHECK_PREFIX + YarnApplications.UNREACHABLE);
            if (at >= 0) {
                return new UserError(line.substring(at + YarnApplications.CHECK_PREFIX.length() + YarnApplications.UNREACHABLE.length()));
            }
        }
        return null;
    }

    /** Runs the cluster check in a JVM over the Spark home's classpath; its progress lines are the build's. */
    private void checkCluster(SubmitRequest request) throws UserError, IOException {
        String staging = request.layered() && request.stagingDirectory != null ? request.stagingDirectory : "-";
        ProcessResult result;
        try {
            result = runner.run(request.hadoopJvm().helper(YarnApplications.CLUSTER_CHECK, List.of(Long.toString(
                    request.connectTimeout.toMillis()), staging)).quiet(false).description("cluster check").build(), log);
        } catch (ProcessException e) {
            throw new UserError("Checking the cluster failed: " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            UserError unreachable = unreachable(result);
            throw unreachable != null ? unreachable : new UserError("Checking the cluster failed (exit code "
                    + result.exitCode() + "); its last lines:" + System.lineSeparator() + result.tailText());
        }
    }

    private static void extract(Path zip, String name, Path target) throws IOException, UserError {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            ZipArchiveEntry entry = file.getEntry(name);
            if (entry == null) {
                throw new UserError(zip + " has no " + name + "; is it a wheelhouse built by this plugin?");
            }
            try (InputStream in = file.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** In cluster mode, what the driver wrote, read from the ApplicationMaster's logs; {@code null} otherwise. */
    private YarnApplications.DriverLog driverLog(SubmitRequest request, String app, String heading) {
        if (!request.clusterMode() || !request.yarn() || request.hadoopConfDir == null) {
            return null; // in client mode the driver's output is the build's own
        }
        log.info("Reading the driver's output from the ApplicationMaster's logs of " + app);
        return YarnApplications.driverOutput(request.hadoopJvm(), request.workDirectory.resolve("logs"), app, heading,
                runner, log);
    }

    private UserError timedOut(SubmitRequest request, SubmissionFollower follower, ProcessTimeoutException e) {
        String app = follower.applicationId();
        YarnApplications.DriverLog driver = app == null ? null : driverLog(request, app, "The driver's output so far");
        String what;
        if (app == null) {
            what = "no YARN application had been accepted yet";
        } else if (request.killOnTimeout && request.hadoopConfDir != null) {
            what = YarnApplications.kill(request.hadoopJvm(), app, runner, log);
        } else {
            what = "YARN application " + app + " keeps running; kill it with: yarn application -kill " + app
                    + " (or set <killOnTimeout>)";
        }
        log.warn(what);
        return new UserError(e.getMessage() + "; " + what + ". Perhaps you should raise <submitTimeout> or "
                + "-Dpyspark.submit.timeout" + (driver == null ? "" : System.lineSeparator() + driver.text), e);
    }

    /** Values of confs whose names say they are secret ({@link SecretMasker#namesSecret}). */
    static List<String> secrets(SubmitRequest request) {
        List<String> secrets = new ArrayList<>();
        request.sparkConf.forEach((k, v) -> {
            if (SecretMasker.namesSecret(k)) {
                secrets.add(v);
            }
        });
        return secrets;
    }
}
