package io.github.sparkwheel.yarn;

import io.github.sparkwheel.hadoop.ClusterJvm;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Acts on a YARN application through Hadoop's own client (the helpers {@link Protocol.Program#KILL} and {@link
 * Protocol.Program#LOGS}), in a JVM over the same Spark classpath as the submission, so that it works wherever
 * spark-submit could submit.
 */
public final class YarnApplications {

    /** The tail of each ApplicationMaster log that is read: enough for a traceback under Spark's logging. */
    static final long LOG_BYTES = 64 * 1024;
    /** How long log aggregation may take to finish after the application did. */
    static final int AGGREGATION_WAIT_SECONDS = 30;

    private YarnApplications() {}

    /** @return what happened, for the log and the error message */
    public static String kill(ClusterJvm jvm, String applicationId, ProcessRunner runner, BuildLog log) {
        String manual = "kill it with: yarn application -kill " + applicationId;
        try {
            ProcessResult result = runner.run(jvm.helper(Protocol.Program.KILL, List.of(applicationId))
                    .description("yarn application kill").timeout(Duration.ofSeconds(120)).build(), log);
            return result.succeeded() && Protocol.Program.KILL.value(result.stdout(), "killed").isPresent()
                    ? "killed YARN application " + applicationId
                    : "killing " + applicationId + " failed (exit code " + result.exitCode() + ": " + result.tailText()
                            + "); " + manual;
        } catch (IOException | ProcessException e) {
            return "killing " + applicationId + " failed (" + e.getMessage() + "); " + manual;
        }
    }

    /**
     * The driver's output of a cluster-mode application, read from its ApplicationMaster's logs and kept
     * whole in {@code <logDirectory>/<app>.log}: what to print under the build error. Says plainly when
     * the logs cannot be read.
     *
     * @param heading how the output is introduced ("The driver's output", "The driver's output so far")
     */
    public static DriverLog driverOutput(ClusterJvm jvm, Path logDirectory, String applicationId, String heading,
            ProcessRunner runner, BuildLog log) {
        String manual = "read them with: yarn logs -applicationId " + applicationId + " -am 1";
        Path file = logDirectory.resolve(applicationId + ".log");
        ProcessResult result;
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            result = runner.run(jvm.helper(Protocol.Program.LOGS, List.of(applicationId, file.toString(),
                            Long.toString(LOG_BYTES), "any", Integer.toString(AGGREGATION_WAIT_SECONDS)))
                    .description("yarn logs").timeout(Duration.ofSeconds(AGGREGATION_WAIT_SECONDS + 90)).build(), log);
        } catch (ProcessException | IOException e) {
            return DriverLog.unread("The driver's logs could not be read (" + e.getMessage() + "); " + manual);
        }
        String container = Protocol.Program.LOGS.value(result.stdout(), Protocol.LOGS_CONTAINER).orElse(null);
        String source = Protocol.Program.LOGS.value(result.stdout(), Protocol.LOGS_SOURCE).orElse(null);
        if (!result.succeeded() || source == null || !Files.isRegularFile(file)) {
            String why = Protocol.Failure.LOGS_UNAVAILABLE.message(result.stdout()).orElse(null);
            return DriverLog.unread("The driver's logs could not be read: " + (why != null ? why
                    : "exit code " + result.exitCode() + ": " + result.tailText()) + "; " + manual);
        }
        List<String> excerpt;
        try {
            excerpt = DriverOutput.parse(Files.readString(file, StandardCharsets.UTF_8)).excerpt();
        } catch (IOException e) {
            return DriverLog.unread("The driver's logs could not be read (" + e.getMessage() + "); " + manual);
        }
        String where = "ApplicationMaster container " + container + ", from " + source + "; all of it: " + file;
        if (excerpt.isEmpty()) {
            return DriverLog.unread("The driver wrote nothing (" + where + ")");
        }
        StringBuilder message = new StringBuilder(heading).append(" (").append(where).append("):");
        excerpt.forEach(line -> message.append(System.lineSeparator()).append("  ").append(line));
        return new DriverLog(true, message.toString());
    }

    /** What {@link #driverOutput} found: the driver's lines, or why there are none. */
    public static final class DriverLog {
        /** Whether the driver's lines were read (else {@link #text} says why not). */
        public final boolean read;
        public final String text;

        DriverLog(boolean read, String text) {
            this.read = read;
            this.text = text;
        }

        public static DriverLog unread(String why) {
            return new DriverLog(false, why);
        }
    }
}
