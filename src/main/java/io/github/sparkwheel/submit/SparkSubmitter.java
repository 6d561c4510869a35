package io.github.sparkwheel.submit;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.hadoop.HadoopConf;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.SecretMasker;
import io.github.sparkwheel.runner.RunnerScript;
import io.github.sparkwheel.wheelhouse.Lock;
import io.github.sparkwheel.wheelhouse.SourceTree;
import io.github.sparkwheel.wheelhouse.ZipExtractor;
import io.github.sparkwheel.yarn.YarnApplications;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Ships a wheelhouse to Spark and follows the application: prepares the runner (and, for a client-mode driver, the
 * unpacked wheelhouse) and the layers, composes the {@link Submission}, hands it to its {@link Transport}, and turns
 * the YARN application's final status into a result or a {@link UserError} with YARN's diagnostics and the driver's
 * output.
 */
public final class SparkSubmitter {

    private final ProcessRunner runner;
    private final BuildLog log;

    public SparkSubmitter(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** @return the YARN application id, when there was one */
    public String submit(SubmitRequest request) throws UserError, ProcessException, IOException {
        Transport transport = request.livy != null ? new LivyTransport(runner, log) : new DirectTransport(runner, log);
        Submission submission = prepare(request, transport);
        if (request.dryRun) {
            transport.describe(submission);
            return null;
        }
        Outcome outcome = send(transport, submission, log);
        if (outcome.timedOut != null) {
            throw timedOut(request, outcome);
        }
        String app = outcome.applicationId;
        if (!outcome.succeeded) {
            throw new UserError(failure(request, outcome));
        }
        if (app != null && !request.clusterMode()) {
            log.info("The driver finished successfully; YARN application " + app + " ran its executors");
        } else if (app != null) {
            log.info("YARN application " + app + (request.waitForCompletion
                    ? " finished: " + (outcome.finalStatus == null ? "SUCCEEDED" : outcome.finalStatus)
                    : " submitted; not waiting for it (<waitForCompletion> is false)"));
        } else if (!request.yarn()) {
            log.info("spark-submit finished successfully");
        }
        return app;
    }

    /**
     * Sends the submission; a second time, once, when the first failed in Spark's own start in a way that ran no job
     * and that sending it again avoids (a race inside Spark). The job's Python runs again from its start then.
     */
    static Outcome send(Transport transport, Submission submission, BuildLog log)
            throws UserError, ProcessException, IOException {
        Outcome outcome = transport.send(submission);
        if (!outcome.succeeded && outcome.timedOut == null && outcome.sendAgainBecause != null) {
            log.warn(outcome.sendAgainBecause + ". Submitting it again, once; the job's Python runs again from its start.");
            outcome = transport.send(submission);
        }
        return outcome;
    }

    /**
     * Why the submission failed: YARN's diagnostics and, in cluster mode, what the driver wrote (its
     * Python traceback) as the ApplicationMaster's logs hold it; else the transport's last lines.
     */
    private String failure(SubmitRequest request, Outcome outcome) {
        String app = outcome.applicationId;
        String nl = System.lineSeparator();
        StringBuilder message = new StringBuilder();
        boolean driverShown = false;
        if (app != null) {
            message.append("Spark application ").append(app).append(" failed");
            if (outcome.finalStatus != null) {
                message.append(" (final status ").append(outcome.finalStatus).append(')');
            }
            if (!outcome.diagnostics.isEmpty()) {
                message.append(": YARN diagnostics: ").append(String.join(" | ", outcome.diagnostics));
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
        message.append(nl).append(outcome.end);
        if (!driverShown) {
            message.append("; its last lines:").append(nl).append(outcome.lastLines);
        }
        return message.toString();
    }

    private Submission prepare(SubmitRequest request, Transport transport) throws UserError, IOException {
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
        } else if (request.sparkJars.isEmpty() && (request.livy == null
                || request.livy.delivery == LivyRequest.Delivery.STAGING)) {
            throw new IllegalStateException("neither a Spark home nor Spark's jars");
        }
        if (request.livy != null && !request.clusterMode()) {
            throw new UserError("Livy runs batches in cluster mode: the driver runs in the YARN ApplicationMaster, not on "
                    + "this machine. Perhaps you should set <deployMode>cluster</deployMode> (-Dpyspark.deployMode=cluster), "
                    + "or submit without Livy (unset <livyUrl>) to run the driver here");
        }
        if (request.sparkHome != null && request.proxyUser != null && request.kerberos != null
                && request.kerberos.keytab() != null) {
            throw new UserError("<proxyUser> with a keytab login cannot go through a Spark home's spark-submit: Spark takes "
                    + "either --proxy-user or --principal, and its own JVM logs in only from the ticket cache then. Run "
                    + "kinit -kt " + request.kerberos.keytab() + " " + request.kerberos.principal() + " and unset <keytab> "
                    + "and <principal>, or submit without a Spark home (unset <sparkHome> and SPARK_HOME: the plugin "
                    + "then logs in from the keytab in SparkSubmit's own JVM)");
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
        List<Path> jars = LayerStaging.jarsToShip(request, log);
        if (request.sparkHome == null && request.pysparkArchives.isEmpty() && request.livy == null) {
            log.info("No pyspark is shipped (no Spark home, no <pysparkArchives>): a job that imports pyspark needs "
                    + "it on the nodes; set <pysparkArchives> to pyspark.zip and py4j-*.zip (local: paths on the nodes, "
                    + "or files to upload)");
        }
        boolean throughLivy = request.livy != null;
        StagedSubmission staged = null;
        if (request.layered() && (!throughLivy || request.livy.delivery == LivyRequest.Delivery.STAGING)) {
            if (throughLivy && request.hadoopConfDir == null) { // a staging directory with a scheme: its file system alone
                request.hadoopConfDir = HadoopConf.writeForFileSystem(work.resolve("hadoop-conf"), request.stagingDirectory);
            }
            staged = new LayerStaging(runner, log).prepare(request, jars, throughLivy ? runnerFile : null);
        }
        List<Path> files = new ArrayList<>();
        if (staged == null || staged.runner() == null) {
            files.add(runnerFile);
        }
        if (request.environment == EnvironmentMode.VIRTUALENV) {
            files.add(lockFile);
        }
        if (staged == null) {
            files.add(request.wheelhouse);
            if (request.pythonRuntime != null) {
                files.add(request.pythonRuntime.layer());
            }
            files.addAll(jars);
        }
        Function<Path, String> locate = transport.prepare(request, staged, files);
        return new Submission(request, runnerFile, lockFile, local, jars, staged, locate);
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
        if (!request.clusterMode() || !request.yarn() || request.hadoopConfDir == null
                || (request.livy != null && !request.livy.yarnLogs)) {
            return null; // in client mode the driver's output is the build's own; through Livy YARN may be out of reach
        }
        log.info("Reading the driver's output from the ApplicationMaster's logs of " + app);
        try {
            return YarnApplications.driverOutput(request.clusterJvm(), request.workDirectory.resolve("logs"), app,
                    heading, runner, log);
        } catch (IOException e) {
            return YarnApplications.DriverLog.unread("The driver's logs could not be read (" + e.getMessage()
                    + "); read them with: yarn logs -applicationId " + app + " -am 1");
        }
    }

    private UserError timedOut(SubmitRequest request, Outcome outcome) {
        String app = outcome.applicationId;
        YarnApplications.DriverLog driver = app == null ? null : driverLog(request, app, "The driver's output so far");
        String what;
        if (outcome.stopped != null) {
            what = outcome.stopped;
        } else if (app == null) {
            what = "no YARN application had been accepted yet";
        } else if (request.killOnTimeout && request.hadoopConfDir != null) {
            what = kill(request, app);
        } else {
            what = "YARN application " + app + " keeps running; kill it with: yarn application -kill " + app
                    + " (or set <killOnTimeout>)";
        }
        log.warn(what);
        return new UserError(outcome.timedOut + "; " + what + ". Perhaps you should raise <submitTimeout> or "
                + "-Dpyspark.submit.timeout" + (driver == null ? "" : System.lineSeparator() + driver.text));
    }

    private String kill(SubmitRequest request, String app) {
        try {
            return YarnApplications.kill(request.clusterJvm(), app, runner, log);
        } catch (IOException e) {
            return "killing " + app + " failed (" + e.getMessage() + "); kill it with: yarn application -kill " + app;
        }
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
