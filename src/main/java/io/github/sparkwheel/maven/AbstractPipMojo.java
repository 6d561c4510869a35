package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.wheelhouse.BuildTimestamp;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
     * pip's index ({@code PIP_INDEX_URL} in pip's environment, never on its command line). Default: whatever
     * the user's pip configuration says.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.indexUrl")
    String indexUrl;

    /**
     * pip's extra indexes ({@code PIP_EXTRA_INDEX_URL} in pip's environment).
     *
     * @since 0.1.0
     */
    @Parameter
    List<String> extraIndexUrls = new ArrayList<>();

    /**
     * The {@code <server>} of Maven's settings.xml whose user name and password pip uses for
     * {@code <indexUrl>} (passwords encrypted with {@code mvn --encrypt-password} are decrypted). They
     * reach pip through its environment, never its command line, and are masked in every log line.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.indexServerId")
    String indexServerId;

    /**
     * The settings.xml {@code <server>}s for {@code <extraIndexUrls>}, one per URL in the same order; an
     * empty entry ({@code <extraIndexServerId/>}) leaves that URL without credentials.
     *
     * @since 0.1.0
     */
    @Parameter
    List<String> extraIndexServerIds = new ArrayList<>();

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
    private final SettingsDecrypter decrypter;

    AbstractPipMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper, SettingsDecrypter decrypter) {
        super(repositorySystem);
        this.projectHelper = projectHelper;
        this.decrypter = decrypter;
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
        request.pip.usePep517 = request.runtime != null; // a runtime's site-packages are its vendor's, not the build's
        request.timeout = Duration.ofSeconds(timeout);
        request.outputTimestamp = BuildTimestamp.parse(outputTimestamp);
        request.force = force;
        request.pluginVersion = pluginVersion;
        return request;
    }

    /**
     * pip's options from the parameters and Maven's settings (the servers' credentials, the active proxies);
     * relative find-links directories resolve against the project.
     */
    PipOptions pipOptions() throws UserError {
        ParameterValues values = new ParameterValues(getLog());
        PipOptions pip = new PipOptions();
        pip.indexUrl = values.string(indexUrl, "<indexUrl>");
        pip.extraIndexUrls.addAll(values.strings(extraIndexUrls, "<extraIndexUrls>"));
        for (String link : values.strings(findLinks, "<findLinks>")) {
            File dir = new File(link);
            boolean url = link.contains("://");
            pip.findLinks.add(url || dir.isAbsolute() ? link : new File(project.getBasedir(), link).getPath());
        }
        pip.trustedHosts.addAll(values.strings(trustedHosts, "<trustedHosts>"));
        pip.noIndex = noIndex;
        pip.offline = session.isOffline();
        values.files(constraints, "<constraints>").forEach(c -> pip.constraints.add(c.toPath()));
        pip.extraArgs.addAll(values.strings(pipArgs, "<pipArgs>"));
        pip.environment.putAll(values.map(environmentVariables, "<environmentVariables>"));
        pip.isolated = pipIsolated;
        credentials(pip, values);
        MavenSettings.activeProxies(session.getSettings(), decrypter).forEach(pip.proxies::add);
        if (pipCacheDirectory != null) {
            pip.cacheDirectory = pipCacheDirectory.toPath();
        } else if (session.isParallel()) {
            pip.cacheDirectory = outputDirectory.toPath().resolve("pyspark-pip-cache");
            getLog().info("A parallel build: pip caches in " + pip.cacheDirectory + ", this module's own (pip's cache is "
                    + "not safe for concurrent pips; <pipCacheDirectory> or -Dpyspark.pip.cacheDirectory chooses another)");
        }
        return pip;
    }

    private void credentials(PipOptions pip, ParameterValues values) throws UserError {
        String serverId = values.string(indexServerId, "<indexServerId>");
        if (serverId != null) {
            if (pip.indexUrl == null) {
                throw new UserError("<indexServerId> " + serverId + " names the credentials for <indexUrl>, but no "
                        + "<indexUrl> is set: perhaps you should set <indexUrl> or -Dpyspark.indexUrl");
            }
            pip.credentials.put(pip.indexUrl, MavenSettings.credentials(session.getSettings(), decrypter, serverId,
                    "<indexServerId> or -Dpyspark.indexServerId"));
        }
        List<String> extraIds = extraIndexServerIds == null ? List.of() : extraIndexServerIds;
        if (extraIds.stream().anyMatch(id -> id != null && !id.isBlank()) && extraIds.size() != pip.extraIndexUrls.size()) {
            throw new UserError("<extraIndexServerIds> has " + extraIds.size() + " entries for " + pip.extraIndexUrls.size()
                    + " <extraIndexUrls>: give one per URL, in the same order (an empty <extraIndexServerId/> for a URL "
                    + "without credentials)");
        }
        for (int i = 0; i < extraIds.size(); i++) {
            String id = extraIds.get(i);
            if (id != null && !id.isBlank()) {
                pip.credentials.put(pip.extraIndexUrls.get(i), MavenSettings.credentials(session.getSettings(), decrypter,
                        id.trim(), "<extraIndexServerIds>"));
            }
        }
    }
}
