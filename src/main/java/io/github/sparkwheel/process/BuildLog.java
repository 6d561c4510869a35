package io.github.sparkwheel.process;

/**
 * The log the core writes to. The Maven adapter forwards it to the Mojo's log; tests collect it.
 */
public interface BuildLog {

    void debug(String message);

    void info(String message);

    void warn(String message);

    /** A log that drops everything, for callers that have nowhere to write. */
    BuildLog SILENT = new BuildLog() {
        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
    };
}
