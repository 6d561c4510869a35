package io.github.sparkwheel.process;

/**
 * Runs child processes. The one seam through which pip, Python and spark-submit are started, so a
 * test can record exact argument lists.
 */
public interface ProcessRunner {

    /**
     * Runs the command to its end, streaming its output to the log line by line (stdout as info,
     * stderr as warn, or both as debug when the spec is quiet), secrets masked.
     *
     * @return the exit code and output; a non-zero exit is not an exception
     * @throws ProcessNotFoundException when the executable cannot be started
     * @throws ProcessTimeoutException when it ran longer than the spec's timeout (it has been killed)
     * @throws ProcessException when the wait was interrupted (the child has been killed)
     */
    ProcessResult run(ProcessSpec spec, BuildLog log) throws ProcessException;
}
