package io.github.sparkwheel.yarn;

import io.github.sparkwheel.process.BuildLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads spark-submit's output as it streams: logs the YARN application's id, its state changes and
 * tracking URL once each, keeps its final status and diagnostics, and gives Spark's own log lines
 * their level (Spark logs routine INFO to stderr; that becomes debug, not a warning).
 */
public final class SubmissionFollower implements BuildLog {

    private static final Pattern SPARK_LOG = Pattern.compile("^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d (\\w+) (.*)$");
    private static final Pattern SUBMITTED = Pattern.compile("Submitted application (application_\\d+_\\d+)");
    private static final Pattern REPORT = Pattern.compile("Application report for (application_\\d+_\\d+) \\(state: (\\w+)\\)");
    private static final Pattern TRACKING = Pattern.compile("^\\s*tracking URL: (\\S+)");
    private static final Pattern FINAL_STATUS = Pattern.compile("^\\s*final status: (\\w+)");
    private static final Pattern DIAGNOSTICS = Pattern.compile("^\\s*diagnostics: (.*)$");
    /** Spark's YARN client copying a resource into the application's staging directory. */
    private static final Pattern UPLOAD = Pattern.compile("Uploading resource (.+) -> (\\S+)$");

    private final BuildLog log;
    private volatile String applicationId;
    private volatile String state;
    private volatile String finalStatus;
    private volatile String trackingUrl;
    /** The level of the last Spark log line: its indented continuation lines share it. */
    private String lastLevel;
    private final List<String> diagnostics = new ArrayList<>();
    private final List<String> uploads = new ArrayList<>();
    /** When the state last changed (or following began). */
    private volatile long stateSince = System.nanoTime();
    /** What the driver said of its SparkContext's failed start: see {@link #sparkUiStartRace()}. */
    private boolean contextFailed;
    private boolean concurrentModification;
    private boolean uiAttaching;

    public SubmissionFollower(BuildLog log) {
        this.log = log;
    }

    public String applicationId() {
        return applicationId;
    }

    public String finalStatus() {
        return finalStatus;
    }

    public synchronized List<String> diagnostics() {
        return new ArrayList<>(diagnostics);
    }

    /** The file names of the resources Spark copied into the application's staging directory. */
    public synchronized List<String> uploads() {
        return new ArrayList<>(uploads);
    }

    /**
     * Whether a client-mode driver's SparkContext failed to start because its web UI started its pages while YARN's
     * ApplicationMaster added its proxy filter to them: in Spark 4, {@code SparkUI.attachAllHandlers} is not
     * synchronized with {@code YarnSchedulerBackend.addWebUIFilter}, and Jetty's {@code ServletHandler.initialize} then
     * throws {@code ConcurrentModificationException}. The application ran no job.
     */
    public synchronized boolean sparkUiStartRace() {
        return contextFailed && concurrentModification && uiAttaching;
    }

    /**
     * What the submission waits on, for a heartbeat: before YARN has the application, Spark is still preparing
     * and uploading its resources; ACCEPTED means YARN has not started its ApplicationMaster (no room in the
     * queue?); RUNNING means the job runs.
     */
    public synchronized String status() {
        long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stateSince);
        if (applicationId == null) {
            return "Still submitting (" + seconds + " s): Spark's client is " + (uploads.isEmpty()
                    ? "preparing the submission and talking to the ResourceManager"
                    : "uploading its resources (" + uploads.size() + " so far, the last " + uploads.get(uploads.size() - 1)
                            + ")");
        }
        if (state == null) {
            return "YARN application " + applicationId + " submitted " + seconds + " s ago; waiting for its first report";
        }
        switch (state) {
            case "ACCEPTED":
                return "YARN application " + applicationId + " has been ACCEPTED for " + seconds + " s: YARN has not "
                        + "started its ApplicationMaster yet (is there room in the queue? "
                        + (trackingUrl != null ? trackingUrl : "see the ResourceManager's UI") + ")"
                        + (diagnostics.isEmpty() ? "" : "; YARN says: " + String.join(" | ", diagnostics));
            case "RUNNING":
                return "YARN application " + applicationId + " has been RUNNING for " + seconds + " s"
                        + (trackingUrl != null ? " (" + trackingUrl + ")" : "");
            default:
                return "YARN application " + applicationId + " is " + state + " (for " + seconds + " s)";
        }
    }

    @Override
    public void debug(String line) {
        log.debug(line);
    }

    @Override
    public void info(String line) {
        follow(line, log::info);
    }

    @Override
    public void warn(String line) {
        follow(line, log::warn);
    }

    private synchronized void follow(String line, Consumer<String> plain) {
        contextFailed |= line.contains("Error initializing SparkContext");
        concurrentModification |= line.contains("java.util.ConcurrentModificationException");
        uiAttaching |= line.contains("org.apache.spark.ui.SparkUI.attachAllHandlers(");
        Matcher m = SUBMITTED.matcher(line);
        if (m.find() && applicationId == null) {
            applicationId = m.group(1);
            log.info("Submitted YARN application " + applicationId);
        }
        m = REPORT.matcher(line);
        boolean report = m.find();
        if (report) {
            diagnostics.clear(); // each report carries the diagnostics of that moment; the last one counts
        }
        if (report && !m.group(2).equals(state)) {
            applicationId = m.group(1);
            state = m.group(2);
            stateSince = System.nanoTime();
            log.info("YARN application " + applicationId + " is " + state);
        }
        m = TRACKING.matcher(line);
        if (m.find() && !m.group(1).equals(trackingUrl) && !"N/A".equals(m.group(1))) {
            trackingUrl = m.group(1);
            log.info("Tracking URL: " + trackingUrl);
        }
        m = FINAL_STATUS.matcher(line);
        if (m.find()) {
            finalStatus = m.group(1);
        }
        m = UPLOAD.matcher(line);
        if (m.find()) {
            String target = m.group(2);
            uploads.add(target.substring(target.lastIndexOf('/') + 1));
        }
        m = DIAGNOSTICS.matcher(line);
        if (m.find() && !"N/A".equals(m.group(1).trim()) && !diagnostics.contains(m.group(1).trim())) {
            diagnostics.add(m.group(1).trim());
        }
        Matcher spark = SPARK_LOG.matcher(line);
        String level = spark.matches() ? spark.group(1)
                : lastLevel != null && (line.startsWith("\t") || line.startsWith(" ")) ? lastLevel : null;
        lastLevel = spark.matches() ? level : lastLevel;
        if (level == null) {
            lastLevel = null;
            plain.accept(line);
        } else if (level.equals("INFO") || level.equals("DEBUG")) {
            log.debug(line);
        } else {
            log.warn(line);
        }
    }
}
