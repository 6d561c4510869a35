package io.github.sparkwheel.process;

/** The executable of a command does not exist or cannot be run. */
public final class ProcessNotFoundException extends ProcessException {

    private static final long serialVersionUID = 1L;

    private final String executable;

    public ProcessNotFoundException(String executable, Throwable cause) {
        super("Cannot run '" + executable + "': " + cause.getMessage(), cause);
        this.executable = executable;
    }

    public String executable() {
        return executable;
    }
}
