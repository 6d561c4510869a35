package io.github.sparkwheel.yarn;

import io.github.sparkwheel.protocol.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a cluster-mode PySpark driver left in its ApplicationMaster container's logs, read as
 * {@code yarn logs} and the NodeManager frame them ({@code LogType:stdout … LogContents: … End of
 * LogType:stdout}), and the part worth showing under a build error: the Python traceback (PySpark's
 * driver writes the job's stdout and stderr to the container's stdout), else the last lines.
 */
final class DriverOutput {

    /** The ApplicationMaster's logs that are read, in the order they are searched. */
    static final List<String> LOG_TYPES = Protocol.LOGS_TYPES;
    static final String TRACEBACK = "Traceback (most recent call last):";
    /** How many lines of a traceback are shown: its first and its last ones (where the exception is). */
    static final int HEAD = 15;
    static final int TAIL = 45;
    /** Without a traceback, the last lines of the driver's output. */
    static final int LAST = 30;
    private static final Pattern SPARK_LOG = Pattern.compile("^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\w+ .*");

    private final Map<String, List<String>> logs;

    private DriverOutput(Map<String, List<String>> logs) {
        this.logs = logs;
    }

    /** Parses the framed logs of one container; a log type that appears twice (several sources) is joined. */
    static DriverOutput parse(String framed) {
        Map<String, List<String>> logs = new LinkedHashMap<>();
        String type = null;
        boolean contents = false;
        for (String line : framed.split("\\r?\\n", -1)) {
            if (line.startsWith("LogType:")) {
                type = line.substring("LogType:".length()).trim();
                contents = false;
                logs.computeIfAbsent(type, t -> new ArrayList<>());
            } else if (type != null && !contents && line.startsWith("LogContents:")) {
                contents = true;
            } else if (type != null && contents && line.startsWith("End of LogType:")) {
                type = null;
                contents = false;
            } else if (type != null && contents) {
                logs.get(type).add(line);
            }
        }
        logs.values().forEach(DriverOutput::trimTrailingBlanks);
        return new DriverOutput(logs);
    }

    List<String> log(String type) {
        return logs.getOrDefault(type, List.of());
    }

    boolean isEmpty() {
        return logs.values().stream().allMatch(List::isEmpty);
    }

    /**
     * The Python traceback in stdout (else stderr), from its first line to the end of that log without
     * Spark's own log lines, shortened in the middle; without one, the last lines of stdout (else of
     * stderr).
     */
    List<String> excerpt() {
        for (String type : LOG_TYPES) {
            List<String> lines = log(type);
            int start = lines.indexOf(TRACEBACK);
            if (start >= 0) {
                List<String> traceback = new ArrayList<>();
                for (String line : lines.subList(start, lines.size())) {
                    if (!SPARK_LOG.matcher(line).matches()) {
                        traceback.add(line);
                    }
                }
                return shorten(traceback);
            }
        }
        for (String type : LOG_TYPES) {
            List<String> lines = log(type);
            if (!lines.isEmpty()) {
                return new ArrayList<>(lines.subList(Math.max(0, lines.size() - LAST), lines.size()));
            }
        }
        return List.of();
    }

    private static List<String> shorten(List<String> lines) {
        if (lines.size() <= HEAD + TAIL + 1) {
            return lines;
        }
        List<String> shortened = new ArrayList<>(lines.subList(0, HEAD));
        shortened.add("... (" + (lines.size() - HEAD - TAIL) + " more lines) ...");
        shortened.addAll(lines.subList(lines.size() - TAIL, lines.size()));
        return shortened;
    }

    private static void trimTrailingBlanks(List<String> lines) {
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
    }
}
