package io.github.sparkwheel.process;

import java.time.Duration;

/** A child ran longer than its timeout and was stopped. */
public final class ProcessTimeoutException extends ProcessException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public ProcessTimeoutException(String description, Duration timeout) {
        super("Timeout: '" + description + "' ran longer than " + timeout.toSeconds() + " s and was stopped");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
