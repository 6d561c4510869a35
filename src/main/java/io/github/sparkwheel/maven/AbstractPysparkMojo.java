package io.github.sparkwheel.maven;

import io.github.sparkwheel.FileErrors;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.DefaultProcessRunner;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessRunner;
import com.google.gson.JsonObject;
import io.github.sparkwheel.runtime.NodeRuntime;
import io.github.sparkwheel.runtime.PythonRuntime;
import io.github.sparkwheel.runtime.RuntimeCache;
import io.github.sparkwheel.runtime.RuntimeCoordinates;
import io.github.sparkwheel.wheelhouse.Manifest;
import io.github.sparkwheel.wheelhouse.WheelhouseRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

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
     * ever installed into it. Not used when {@code <pythonRuntime>} is set.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.python", defaultValue = "python3")
    protected String python;

    /**
     * Maven coordinates of an archive holding a relocatable CPython that the job is built with and runs on,
     * shipped to the nodes with it: {@code groupId:artifactId:version[:extension[:classifier]]}, e.g.
     * {@code org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64} (Maven Central) or a python-build-standalone
     * {@code install_only} tar.gz deployed to your repository. Resolved through Maven's resolver and unpacked
     * once into {@code <local repository>/.cache/pyspark-maven-plugin/python-runtimes}; then pip runs on it, the
     * wheels are built for it, {@code verify} runs the job on it, and the nodes need no Python of their own.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.pythonRuntime")
    protected String pythonRuntime;

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

    final RepositorySystem repositorySystem;

    AbstractPysparkMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

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
        } catch (java.nio.file.FileSystemException e) { // a file in the way, a directory not writable, a full disk
            throw new MojoFailureException(FileErrors.explain(e, Paths.get(project.getBuild().getDirectory()))
                    .getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(goal() + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code <pythonRuntime>} as configured, or {@code null}. */
    String configuredRuntime() {
        return pythonRuntime == null || pythonRuntime.isBlank() ? null : pythonRuntime.trim();
    }

    /**
     * The Python runtime of those coordinates, resolved from the project's repositories (the user's mirrors,
     * {@code -o}) and unpacked here once.
     */
    PythonRuntime installRuntime(String coordinates) throws UserError, IOException {
        RuntimeCoordinates c = RuntimeCoordinates.parse(coordinates);
        PythonRuntime runtime = runtimeCache().install(c, resolveRuntime(c));
        getLog().info("Python runtime " + runtime.describe() + " at " + runtime.home());
        return runtime;
    }

    /** The runtime's archive, from the project's repositories. */
    private Path resolveRuntime(RuntimeCoordinates c) throws UserError {
        DefaultArtifact artifact = new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(), c.version());
        try {
            return repositorySystem.resolveArtifact(session.getRepositorySession(),
                    new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null)).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new UserError("The Python runtime " + c + " could not be resolved" + (session.isOffline()
                    ? " (Maven is offline and it is not in the local repository)" : "") + ": " + e.getMessage()
                    + ". Perhaps you should fix <pythonRuntime> or -Dpyspark.pythonRuntime (e.g. "
                    + "org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64 from Maven Central), or the repositories and "
                    + "mirrors of your settings.xml", e);
        }
    }

    /**
     * The Python runtime a built wheelhouse runs on (the one its manifest names, which {@code <pythonRuntime>}
     * may only repeat), as the nodes get it; {@code null} when it runs on the nodes' own Python.
     */
    NodeRuntime wheelhouseRuntime(Path wheelhouse) throws UserError, IOException {
        JsonObject manifest = Manifest.read(wheelhouse);
        String coordinates = WheelhouseRuntime.coordinates(manifest, configuredRuntime(), wheelhouse);
        if (coordinates == null) {
            return null;
        }
        RuntimeCoordinates c = RuntimeCoordinates.parse(coordinates);
        Path archive = resolveRuntime(c);
        PythonRuntime runtime = runtimeCache().install(c, archive);
        WheelhouseRuntime.check(manifest, runtime, wheelhouse);
        NodeRuntime node = runtimeCache().forNodes(runtime, archive);
        getLog().info("Python runtime " + runtime.describe() + ", as the nodes get it, at " + node.unpacked().home());
        return node;
    }

    private RuntimeCache runtimeCache() {
        return new RuntimeCache(Paths.get(session.getRepositorySession().getLocalRepository().getBasedir().getPath(),
                ".cache", "pyspark-maven-plugin", "python-runtimes"));
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
