package io.github.sparkwheel.submit;

import java.util.List;

/** What a {@link Transport} saw of a submission: the YARN application, how it ended, and the transport's own last words. */
final class Outcome {

    /** The YARN application's id, or {@code null} when the cluster never had one. */
    final String applicationId;
    /** YARN's final status, when known. */
    final String finalStatus;
    /** YARN's diagnostics of the application. */
    final List<String> diagnostics;
    final boolean succeeded;
    /** The timeout's message when the transport stopped waiting, else {@code null}. */
    final String timedOut;
    /** How the transport's own part ended, for a failure's message: {@code spark-submit exited with code 1}. */
    final String end;
    /** The transport's last lines, shown when the driver's own output cannot be. */
    final String lastLines;
    /** What the transport did to stop the application when it stopped waiting, or {@code null}: the caller decides. */
    final String stopped;
    /**
     * Why sending the same submission again is right, when the failure was Spark's own start and no job ran;
     * {@code null} otherwise.
     */
    final String sendAgainBecause;

    Outcome(String applicationId, String finalStatus, List<String> diagnostics, boolean succeeded, String timedOut,
            String end, String lastLines) {
        this(applicationId, finalStatus, diagnostics, succeeded, timedOut, end, lastLines, null);
    }

    Outcome(String applicationId, String finalStatus, List<String> diagnostics, boolean succeeded, String timedOut,
            String end, String lastLines, String stopped) {
        this(applicationId, finalStatus, diagnostics, succeeded, timedOut, end, lastLines, stopped, null);
    }

    Outcome(String applicationId, String finalStatus, List<String> diagnostics, boolean succeeded, String timedOut,
            String end, String lastLines, String stopped, String sendAgainBecause) {
        this.applicationId = applicationId;
        this.finalStatus = finalStatus;
        this.diagnostics = List.copyOf(diagnostics);
        this.succeeded = succeeded;
        this.timedOut = timedOut;
        this.end = end;
        this.lastLines = lastLines;
        this.stopped = stopped;
        this.sendAgainBecause = sendAgainBecause;
    }
}
