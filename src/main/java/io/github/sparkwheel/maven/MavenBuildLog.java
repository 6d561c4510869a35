package io.github.sparkwheel.maven;

import io.github.sparkwheel.process.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Forwards the core's log to the Mojo's. */
final class MavenBuildLog implements BuildLog {

    private final Log log;

    MavenBuildLog(Log log) {
        this.log = log;
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }
}
