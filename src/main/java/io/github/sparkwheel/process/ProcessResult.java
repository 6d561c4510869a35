package io.github.sparkwheel.process;

import java.util.List;

/** How a child process ended: its exit code, its whole standard output and the tail of both streams. */
public final class ProcessResult {

    private final int exitCode;
    private final List<String> stdout;
    private final List<String> tail;

    public ProcessResult(int exitCode, List<String> stdout, List<String> tail) {
        this.exitCode = exitCode;
        this.stdout = List.copyOf(stdout);
        this.tail = List.copyOf(tail);
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Every line the child wrote to standard output (kept up to a bound). */
    public List<String> stdout() {
        return stdout;
    }

    /** The last lines of standard output and standard error, interleaved as they arrived, masked. */
    public List<String> tail() {
        return tail;
    }

    public String tailText() {
        return String.join(System.lineSeparator(), tail);
    }
}
