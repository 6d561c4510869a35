package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.DefaultProcessRunner;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessRunner;
import java.io.IOException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The template every goal follows: check skip, run the core, map its exceptions. What the user
 * can fix becomes a {@link MojoFailureException}, the unexpected a {@link MojoExecutionException}.
 */
abstract class AbstractPysparkMojo extends AbstractMojo {

    /**
     * Skips every goal of this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The Python interpreter that builds the wheelhouse: a command on the PATH or a path. Nothing is
     * ever installed into it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.python", defaultValue = "python3")
    protected String python;

    /**
     * The project being built.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /**
     * The Maven session (offline mode, repository session).
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Replaced in tests to record argument lists. */
    ProcessRunner processRunner = new DefaultProcessRunner();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipGoal()) {
            getLog().info("Skipping " + goal() + ": " + (skip ? "pyspark.skip" : skipProperty()) + " is set");
            return;
        }
        try {
            run();
        } catch (UserError e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (ProcessException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(goal() + " failed: " + e.getMessage(), e);
        }
    }

    protected BuildLog buildLog() {
        return new MavenBuildLog(getLog());
    }

    /** The goal's name, for messages. */
    protected abstract String goal();

    protected abstract boolean skipGoal();

    /** The goal's own skip property, for the log line. */
    protected abstract String skipProperty();

    protected abstract void run() throws UserError, ProcessException, IOException, MojoExecutionException;
}
