package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.wheelhouse.BuildTimestamp;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * What the goals that run {@code pip wheel} share ({@code wheelhouse}, {@code wheel}): the sources, where
 * pip looks for distributions, how it runs, and where the output goes.
 */
abstract class AbstractPipMojo extends AbstractPysparkMojo {

    /**
     * The module's Python sources: a package (pyproject.toml or setup.py), or, for a job, a script with
     * a requirements.txt.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.sourceDirectory", defaultValue = "${project.basedir}/src/main/python")
    File sourceDirectory;

    /**
     * pip constraints files ({@code --constraint}).
     *
     * @since 0.1.0
     */
    @Parameter
    List<File> constraints = new ArrayList<>();

    /**
     * Further arguments for {@code pip wheel}, one per element.
     *
     * @since 0.1.0
     */
    @Parameter
    List<String> pipArgs = new ArrayList<>();

    /**
     * The build directory: the zip, the wheel and the goals' work directories go under it.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File outputDirectory;

    /**
     * The time stamp of every zip entry, for reproducible archives. Default: 1980-01-01T00:00:02Z.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    /**
     * This plugin's version, recorded in the manifest.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    String pluginVersion;

    final MavenProjectHelper projectHelper;

    AbstractPipMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper, SettingsDecrypter decrypter) {
        super(repositorySystem, decrypter);
        this.projectHelper = projectHelper;
    }

    /**
     * A build request with what both pip goals set: sources, scratch space, interpreter (the Python runtime's,
     * when one is set), pip, time stamp.
     */
    WheelhouseRequest request(String workDirectoryName, boolean force) throws UserError, IOException {
        WheelhouseRequest request = new WheelhouseRequest();
        request.sourceDirectory = sourceDirectory.toPath();
        request.workDirectory = outputDirectory.toPath().resolve(workDirectoryName);
        request.python = python;
        if (configuredRuntime() != null) {
            request.runtime = installRuntime(configuredRuntime());
            request.python = request.runtime.python().toString();
        }
        request.pip = pipOptions();
        ParameterValues values = new ParameterValues(getLog());
        values.files(constraints, "<constraints>").forEach(c -> request.pip.constraints.add(c.toPath()));
        request.pip.extraArgs.addAll(values.strings(pipArgs, "<pipArgs>"));
        request.pip.usePep517 = request.runtime != null; // a runtime's site-packages are its vendor's, not the build's
        request.timeout = Duration.ofSeconds(timeout);
        request.outputTimestamp = BuildTimestamp.parse(outputTimestamp);
        request.force = force;
        request.pluginVersion = pluginVersion;
        return request;
    }
}
