package io.github.sparkwheel.process;

/** A child process could not be started, was interrupted or timed out. */
public class ProcessException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProcessException(String message) {
        super(message);
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
