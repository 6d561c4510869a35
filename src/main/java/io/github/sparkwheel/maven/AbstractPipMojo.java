package io.github.sparkwheel.maven;

import io.github.sparkwheel.python.PipOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

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
     * pip's {@code --index-url}. Default: whatever the user's pip configuration says.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.indexUrl")
    String indexUrl;

    /**
     * pip's {@code --extra-index-url}s.
     *
     * @since 0.1.0
     */
    @Parameter
    List<String> extraIndexUrls = new ArrayList<>();

    /**
     * pip's {@code --find-links}: directories or URLs holding distributions. Relative directories
     * resolve against the project's base directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.findLinks")
    List<String> findLinks = new ArrayList<>();

    /**
     * pip's {@code --trusted-host}s.
     *
     * @since 0.1.0
     */
    @Parameter
    List<String> trustedHosts = new ArrayList<>();

    /**
     * pip's {@code --no-index}: only {@code <findLinks>} are searched. Implied when Maven runs offline
     * ({@code mvn -o}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.noIndex", defaultValue = "false")
    boolean noIndex;

    /**
     * Further arguments for {@code pip wheel}, one per element.
     *
     * @since 0.1.0
     */
    @Parameter
    List<String> pipArgs = new ArrayList<>();

    /**
     * Environment variables for pip, on top of the inherited ones.
     *
     * @since 0.1.0
     */
    @Parameter
    Map<String, String> environmentVariables;

    /**
     * Runs pip without the user's pip configuration: {@code PIP_CONFIG_FILE} is set to the null
     * device and every inherited {@code PIP_*} variable is removed. For hermetic builds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.pip.isolated", defaultValue = "false")
    boolean pipIsolated;

    /**
     * How long pip may run, in seconds; 0 waits for ever.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.timeout", defaultValue = "1800")
    int timeout;

    /**
     * pip's cache directory ({@code PIP_CACHE_DIR}). Default: pip's own cache, as the user's pip
     * configuration says; but when Maven builds modules in parallel ({@code mvn -T}), each module's pip
     * gets its own cache, {@code target/pyspark-pip-cache}: pip's cache is not safe for pips writing to
     * it at the same time (pypa/pip#12361, #9470: hash mismatches). Set it to share one anyway.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.pip.cacheDirectory")
    File pipCacheDirectory;

    /**
     * Directory of the zip.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File outputDirectory;

    /**
     * The zip's base name.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.finalName}", readonly = true)
    String finalName;

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

    AbstractPipMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    /** pip's options from the parameters; relative find-links directories resolve against the project. */
    PipOptions pipOptions() {
        PipOptions pip = new PipOptions();
        pip.indexUrl = indexUrl;
        pip.extraIndexUrls.addAll(extraIndexUrls);
        for (String link : findLinks) {
            File dir = new File(link);
            boolean url = link.contains("://");
            pip.findLinks.add(url || dir.isAbsolute() ? link : new File(project.getBasedir(), link).getPath());
        }
        pip.trustedHosts.addAll(trustedHosts);
        pip.noIndex = noIndex;
        pip.offline = session.isOffline();
        constraints.forEach(c -> pip.constraints.add(c.toPath()));
        pip.extraArgs.addAll(pipArgs);
        if (environmentVariables != null) {
            pip.environment.putAll(environmentVariables);
        }
        pip.isolated = pipIsolated;
        if (pipCacheDirectory != null) {
            pip.cacheDirectory = pipCacheDirectory.toPath();
        } else if (session.isParallel()) {
            pip.cacheDirectory = outputDirectory.toPath().resolve("pyspark-pip-cache");
            getLog().info("A parallel build: pip caches in " + pip.cacheDirectory + ", this module's own (pip's cache is "
                    + "not safe for concurrent pips; <pipCacheDirectory> or -Dpyspark.pip.cacheDirectory chooses another)");
        }
        return pip;
    }
}
