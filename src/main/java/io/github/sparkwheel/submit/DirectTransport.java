package io.github.sparkwheel.submit;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.Heartbeat;
import io.github.sparkwheel.process.JvmCommand;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.process.ProcessTimeoutException;
import io.github.sparkwheel.process.SecretMasker;
import io.github.sparkwheel.protocol.Protocol;
import io.github.sparkwheel.spark.SparkUri;
import io.github.sparkwheel.yarn.SubmissionFollower;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Submits straight to the cluster, as spark-submit does: a Spark home's {@code bin/spark-submit}, or, without one,
 * SparkSubmit in a JVM over the resolved Spark jars. On YARN that JVM is the submit launcher ({@link
 * Protocol.Program#LAUNCHER}): it checks that the cluster answers, stages the layers, then runs SparkSubmit, one JVM
 * and one Hadoop client for all. Follows the application through spark-submit's output.
 */
final class DirectTransport implements Transport {

    static final String SPARK_SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";
    /** After this long without a line in the build's log, a line says what the submission waits on. */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final ProcessRunner runner;
    private final BuildLog log;

    DirectTransport(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** Checks the cluster and stages the layers where the launcher cannot; spark-submit uploads the other files. */
    @Override
    public Function<Path, String> prepare(SubmitRequest request, StagedSubmission staged, List<Path> files)
            throws UserError, IOException {
        if (request.sparkHome != null && request.yarn() && !request.dryRun) {
            checkCluster(request); // bin/spark-submit cannot host the check: a JVM of its own, before it
        }
        if (staged != null && (request.sparkHome != null || request.dryRun)) { // else the launcher stages them first
            new LayerStaging(runner, log).stage(request, staged);
        }
        return SparkUri::of;
    }

    /** The whole command line: the launcher, then spark-submit's arguments. */
    static List<String> command(Submission submission) throws IOException {
        SubmitRequest request = submission.request();
        if (request.sparkHome != null) {
            List<String> command = new ArrayList<>();
            command.add(request.sparkHome.resolve("bin/spark-submit").toString());
            command.addAll(submission.arguments());
            return command;
        }
        JvmCommand jvm;
        if (request.yarn()) { // one JVM checks the cluster, stages the layers, then submits
            jvm = request.clusterJvm().jvm(Protocol.Program.LAUNCHER.mainClass()).arguments(List.of(
                    Long.toString(request.connectTimeout.toMillis()),
                    submission.staged() != null ? submission.staged().planFile().toString() : "-"));
        } else {
            jvm = request.clusterJvm().jvm(SPARK_SUBMIT_CLASS);
        }
        return jvm.arguments(submission.arguments()).command();
    }

    @Override
    public void describe(Submission submission) throws IOException {
        SecretMasker masker = new SecretMasker(SparkSubmitter.secrets(submission.request()));
        log.info("Dry run, nothing is submitted. The command:");
        log.info(masker.maskCommandLine(command(submission)));
        log.info("Its environment (on top of the inherited one):");
        submission.environment().forEach((k, v) -> log.info("  " + k + "=" + masker.mask(v)));
    }

    @Override
    public Outcome send(Submission submission) throws UserError, ProcessException, IOException {
        SubmitRequest request = submission.request();
        List<String> command = command(submission);
        List<String> secrets = SparkSubmitter.secrets(request);
        log.info("Submitting " + request.wheelhouse.getFileName() + " to " + request.master + " (" + request.deployMode
                + " mode, " + request.environment.name().toLowerCase(Locale.ROOT) + " environment)");
        log.debug("Running " + new SecretMasker(secrets).maskCommandLine(command));
        ProcessSpec spec = ProcessSpec.builder(command).description("spark-submit").environment(submission.environment())
                .timeout(request.timeout).secrets(secrets).workingDirectory(request.workDirectory).build();
        ProcessResult result;
        SubmissionFollower[] following = new SubmissionFollower[1]; // the heartbeat asks it what the wait is on
        try (Heartbeat beat = Heartbeat.every(HEARTBEAT, log, waited -> following[0].status())) {
            following[0] = new SubmissionFollower(beat.watch(log));
            result = runner.run(spec, following[0]);
        } catch (ProcessTimeoutException e) {
            SubmissionFollower follower = following[0];
            return new Outcome(follower.applicationId(), follower.finalStatus(), follower.diagnostics(), false,
                    e.getMessage(), null, null);
        }
        SubmissionFollower follower = following[0];
        String app = follower.applicationId();
        List<String> uploads = follower.uploads();
        if (app != null) {
            log.info("Spark uploaded " + uploads.size() + " files for " + app + (uploads.isEmpty() ? ""
                    : ": " + String.join(", ", uploads.size() <= 12 ? uploads : uploads.subList(0, 12))
                            + (uploads.size() <= 12 ? "" : ", …")));
        } else if (!result.succeeded()) {
            UserError before = failedBeforeYarn(request, result.tail());
            if (before != null) {
                throw before;
            }
        }
        if (result.succeeded() && app == null && request.yarn()) {
            log.warn("spark-submit succeeded but named no YARN application: its logging may be configured away "
                    + "(log4j2 at INFO is what lets this goal follow the application)");
        }
        String sendAgain = !result.succeeded() && !request.clusterMode() && follower.sparkUiStartRace()
                ? uiStartRace(app) : null;
        return new Outcome(app, follower.finalStatus(), follower.diagnostics(), result.succeeded(), null,
                "spark-submit exited with code " + result.exitCode(), result.tailText(), null, sendAgain);
    }

    /** Spark 4's race between its UI's start and YARN's proxy filter, in a client-mode driver: see SubmissionFollower. */
    static String uiStartRace(String app) {
        return "The driver's SparkContext did not start: its web UI started its pages while YARN's ApplicationMaster "
                + "added its proxy filter to them (ConcurrentModificationException in SparkUI.attachAllHandlers, a race "
                + "in Spark 4's client mode on YARN), so " + (app == null ? "the application" : "YARN application " + app)
                + " ran no job";
    }

    /**
     * What went wrong before YARN had an application, recognised by the line of the program that said so (never by the
     * exit status: SparkSubmit exits with the status of a client-mode driver's Python, whatever it was); {@code null}
     * when no program of the plugin's said anything.
     */
    static UserError failedBeforeYarn(SubmitRequest request, List<String> lines) {
        UserError helper = helperFailure(lines);
        if (helper != null) {
            return helper;
        }
        Optional<String> unwritable = Protocol.Failure.STAGING_UNWRITABLE.message(lines);
        if (unwritable.isPresent()) {
            return LayerStaging.unwritable(unwritable.get());
        }
        Optional<String> bootstrap = Protocol.Failure.BOOTSTRAP_FAILED.message(lines);
        if (bootstrap.isPresent() && !request.clusterMode()) {
            return new UserError("The driver's Python could not start on this machine (client mode: the driver runs "
                    + "here, through the wheelhouse's bootstrap, with <python> " + request.localBasePython()
                    + " as its base interpreter): " + bootstrap.get());
        }
        return null;
    }

    /**
     * A helper's word that it could not reach the cluster as the user: its login failed, the cluster refused it, or the
     * cluster did not answer; {@code null} when no helper said so.
     */
    static UserError helperFailure(List<String> lines) {
        for (Protocol.Failure failure : new Protocol.Failure[] {Protocol.Failure.LOGIN_FAILED,
                Protocol.Failure.CLUSTER_REFUSED, Protocol.Failure.CLUSTER_UNREACHABLE}) {
            Optional<String> message = failure.message(lines);
            if (message.isPresent()) {
                return new UserError(message.get());
            }
        }
        return null;
    }

    /** Runs the cluster check in a JVM over the Spark home's classpath; its progress lines are the build's. */
    private void checkCluster(SubmitRequest request) throws UserError, IOException {
        String staging = request.layered() && request.stagingDirectory != null ? request.stagingDirectory : "-";
        ProcessResult result;
        try {
            result = runner.run(request.clusterJvm().helper(Protocol.Program.CLUSTER_CHECK, List.of(Long.toString(
                    request.connectTimeout.toMillis()), staging)).quiet(false).description("cluster check").build(), log);
        } catch (ProcessException e) {
            throw new UserError("Checking the cluster failed: " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            UserError helper = helperFailure(result.tail());
            throw helper != null ? helper : new UserError("Checking the cluster failed (exit code " + result.exitCode()
                    + "); its last lines:" + System.lineSeparator() + result.tailText());
        }
    }
}
