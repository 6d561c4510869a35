package io.github.sparkwheel.submit;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.protocol.Protocol;
import io.github.sparkwheel.spark.SparkClasspath;
import io.github.sparkwheel.yarn.SubmissionFollower;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds a wheelhouse's layers and stages them on the cluster's file system, through the Hadoop client
 * that Spark brings ({@code LayerStager} in a JVM over Spark's classpath). The submit goal uses it (or
 * lets SparkSubmit's own JVM stage), the stage goal on its own, so that {@code mvn deploy} leaves the
 * layers on the cluster for any later submission.
 */
public final class LayerStaging {

    private final ProcessRunner runner;
    private final BuildLog log;

    public LayerStaging(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** Builds the layers and stages them. */
    public StagedSubmission stageAll(SubmitRequest request) throws UserError, IOException {
        StagedSubmission staged = prepare(request, jarsToShip(request, log), null);
        stage(request, staged);
        return staged;
    }

    /** The request's jars less those Spark's classpath has (logged, both), for {@code --jars}. */
    static List<Path> jarsToShip(SubmitRequest request, BuildLog log) throws IOException {
        SparkClasspath.Split jars = request.sparkClasspath().split(request.jars);
        if (!jars.ship.isEmpty()) {
            log.info("Shipping jars: " + fileNames(jars.ship));
        }
        if (!jars.alreadyOnSparkClasspath.isEmpty()) {
            log.info("Not shipping " + jars.alreadyOnSparkClasspath.size() + " jars that Spark's classpath already has: "
                    + fileNames(jars.alreadyOnSparkClasspath));
        }
        return jars.ship;
    }

    private static String fileNames(List<Path> jars) {
        return jars.stream().map(j -> j.getFileName().toString()).collect(Collectors.joining(", "));
    }

    /**
     * Builds the layers (each once per content) and writes the staging plan.
     *
     * @param runner the runner, staged too for a submission through Livy; else {@code null}
     */
    StagedSubmission prepare(SubmitRequest request, List<Path> shippedJars, Path runner) throws UserError, IOException {
        if (request.hadoopConfDir == null) {
            throw new UserError("No Hadoop configuration to stage the layers with: perhaps you should set "
                    + "<hadoopConfDir> or -Dpyspark.hadoopConfDir (or HADOOP_CONF_DIR) to the directory holding "
                    + "core-site.xml and yarn-site.xml");
        }
        long started = System.nanoTime();
        StagedSubmission staged = StagedSubmission.prepare(request, shippedJars, runner);
        log.info(String.format("Layers of %s ready in %.1f s; staging them in %s", request.wheelhouse.getFileName(),
                (System.nanoTime() - started) / 1e9, staged.stagingDirectory()));
        return staged;
    }

    /** Runs the stager on its own (a Spark home's spark-submit cannot host it; a dry run only checks). */
    void stage(SubmitRequest request, StagedSubmission staged) throws UserError, IOException {
        ProcessResult result;
        try {
            result = runner.run(request.clusterJvm().helper(Protocol.Program.STAGER, List.of(staged.planFile().toString()))
                    .quiet(false).description("layer staging").build(), new SubmissionFollower(log));
        } catch (ProcessException e) {
            throw new UserError("Staging the layers failed: " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw failed(result);
        }
        staged.readPlacements();
    }

    /** The staging directory cannot be written: say which and how to choose another; else the stager's words. */
    static UserError failed(ProcessResult result) {
        UserError helper = DirectTransport.helperFailure(result.tail());
        if (helper != null) {
            return helper;
        }
        return Protocol.Failure.STAGING_UNWRITABLE.message(result.tail()).map(LayerStaging::unwritable)
                .orElseGet(() -> new UserError("Staging the layers failed (exit code " + result.exitCode()
                        + "); its last lines:" + System.lineSeparator() + result.tailText()));
    }

    /** The stager's word that the staging directory cannot be written, and what to do about it. */
    static UserError unwritable(String why) {
        if (why.contains("<stagingDirectory>")) { // the stager said what to do already
            return new UserError("The layers cannot be staged: " + why);
        }
        return new UserError("The layers cannot be staged: " + why + ". Perhaps you should set <stagingDirectory> or "
                + "-Dpyspark.stagingDirectory to a directory you may write on the cluster's file system, or "
                + "-Dpyspark.staging=false to ship the wheelhouse and Spark's jars with the submission instead");
    }
}
