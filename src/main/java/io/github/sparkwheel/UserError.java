package io.github.sparkwheel;

/**
 * A failure the user can fix. Its message says what failed and what to do about it, naming the
 * XML element and the {@code -D} property; the Maven adapter turns it into a build failure.
 */
public class UserError extends Exception {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
