package io.github.sparkwheel.process;

import java.util.ArrayList;
import java.util.List;

/** A build log that keeps every line, each prefixed with its level ({@code INFO …}), for tests to read. */
public final class RecordingLog implements BuildLog {

    public final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void debug(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("WARN " + message);
    }
}
