package io.github.sparkwheel.maven;

import com.google.gson.JsonObject;
import io.github.sparkwheel.FileErrors;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.DefaultProcessRunner;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.runtime.NodeRuntime;
import io.github.sparkwheel.runtime.PythonRuntime;
import io.github.sparkwheel.runtime.RuntimeCache;
import io.github.sparkwheel.runtime.RuntimeCoordinates;
import io.github.sparkwheel.spark.PysparkFromIndex;
import io.github.sparkwheel.spark.SparkDistribution;
import io.github.sparkwheel.spark.SparkHome;
import io.github.sparkwheel.wheelhouse.Manifest;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import io.github.sparkwheel.wheelhouse.WheelhouseRuntime;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
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
     * A Spark installation: the submit and stage goals submit with its {@code bin/spark-submit} and read its
     * {@code jars/}, the test goal's local Spark runs on it, the verify goal imports its {@code python/} (pyspark,
     * py4j). Default: {@code SPARK_HOME}; without either, Spark {@code <sparkVersion>} is resolved from the Maven
     * repositories and run in a forked JVM. The wheel and wheelhouse goals do not read it (nor the four parameters
     * below): building the job's wheels needs no Spark.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.sparkHome")
    File sparkHome;

    /**
     * The Spark version resolved from the Maven repositories when there is no Spark home, for the submit, stage and
     * test goals (its jars) and the verify and test goals (its pyspark, from the Python index): {@code 4.0.1} alone
     * selects Spark 4 (its Scala binary version follows).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.sparkVersion", defaultValue = "3.5.5")
    String sparkVersion;

    /**
     * The Scala binary version of those Spark artifacts. Default: the Spark version's, 2.13 for Spark 4
     * (its only one), 2.12 for Spark 3 (its default build).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.scalaBinaryVersion")
    String scalaBinaryVersion;

    /**
     * The Spark modules resolved when there is no Spark home, by artifact id without the Scala suffix.
     * Default: what a PySpark job uses of a Spark distribution built with YARN support, that is of Spark's
     * assembly module ({@code spark-core, spark-sql, spark-mllib, spark-streaming, spark-graphx}, with Guava)
     * and its yarn profile ({@code spark-yarn}, which for Spark 3 brings Hadoop's
     * {@code hadoop-yarn-server-web-proxy} at the version Spark declares); not the Scala shell
     * ({@code spark-repl}). Add {@code spark-hive} and {@code spark-hive-thriftserver} for Hive support,
     * {@code spark-connect} (Spark 4) for {@code spark.api.mode=connect}. Connectors (spark-avro,
     * spark-sql-kafka) are dependencies of the module instead: they go along with {@code --jars}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.sparkModules")
    List<String> sparkModules = new ArrayList<>(SparkDistribution.DEFAULT_MODULES);

    /**
     * pyspark and py4j archives (Spark's {@code python/lib/pyspark.zip} and {@code py4j-*-src.zip}) when there is no
     * Spark home. The submit and stage goals ship them ({@code PYSPARK_ARCHIVES_PATH}: {@code local:} paths on the
     * nodes, or files to upload, staged as layers); the test goal's Spark and the verify goal's import use those that
     * exist on this machine. Default: pyspark {@code <sparkVersion>} from the Python index (its Python package only,
     * fetched once with the plugin's pip settings and cached in
     * {@code <local repository>/.cache/pyspark-maven-plugin/pyspark}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.pysparkArchives")
    List<String> pysparkArchives = new ArrayList<>();

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
    final SettingsDecrypter decrypter;

    AbstractPysparkMojo(RepositorySystem repositorySystem, SettingsDecrypter decrypter) {
        this.repositorySystem = repositorySystem;
        this.decrypter = decrypter;
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
        return new RuntimeCache(pluginCache().resolve("python-runtimes"));
    }

    /** The caches this plugin shares between builds: {@code <local repository>/.cache/pyspark-maven-plugin}. */
    Path pluginCache() {
        return Paths.get(session.getRepositorySession().getLocalRepository().getBasedir().getPath(), ".cache",
                "pyspark-maven-plugin");
    }

    /**
     * Where pip looks, from the parameters and Maven's settings (the servers' credentials, the active proxies);
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
        pip.environment.putAll(values.map(environmentVariables, "<environmentVariables>"));
        pip.isolated = pipIsolated;
        credentials(pip, values);
        MavenSettings.activeProxies(session.getSettings(), decrypter).forEach(pip.proxies::add);
        if (pipCacheDirectory != null) {
            pip.cacheDirectory = pipCacheDirectory.toPath();
        } else if (session.isParallel()) {
            pip.cacheDirectory = Paths.get(project.getBuild().getDirectory(), "pyspark-pip-cache");
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
    /** {@code <sparkHome>}, else {@code SPARK_HOME}, else {@code null}: Spark from the Maven repositories. */
    Path sparkHome() throws UserError {
        return SparkHome.find(sparkHome == null ? null : sparkHome.toPath(), System.getenv());
    }

    /** Spark {@code <sparkVersion>}'s jars ({@code <scalaBinaryVersion>}, {@code <sparkModules>}), resolved once here. */
    List<Path> sparkJars(Path workDirectory) throws UserError, IOException {
        return new SparkArtifactResolver(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories()).resolveCached(SparkDistribution.of(sparkVersion,
                        scalaBinaryVersion, new ParameterValues(getLog()).strings(sparkModules, "<sparkModules>")),
                workDirectory);
    }

    /** {@code <pysparkArchives>} as configured. */
    List<String> configuredPysparkArchives() {
        return new ParameterValues(getLog()).strings(pysparkArchives, "<pysparkArchives>");
    }

    /**
     * {@code <pysparkArchives>} as configured, else pyspark {@code <sparkVersion>} from the Python index (none, with a
     * warning, when the index has none).
     *
     * @param what who goes without pyspark then, for the warning
     */
    List<String> pysparkArchives(Path pipWorkDirectory, String what) throws IOException {
        List<String> archives = configuredPysparkArchives();
        if (archives.isEmpty()) {
            pysparkFromIndex(sparkVersion, pipWorkDirectory, what).forEach(a -> archives.add(a.toString()));
        }
        return archives;
    }

    /**
     * pyspark's Python side from the Python index ({@link PysparkFromIndex}, cached by version), for a goal that has
     * neither a Spark home nor {@code <pysparkArchives>}; none, with a warning saying why and what to do, when the
     * index has no pyspark of that version.
     *
     * @param what who goes without pyspark then, for the warning
     */
    private List<Path> pysparkFromIndex(String sparkVersion, Path workDirectory, String what) throws IOException {
        WheelhouseRequest pip = new WheelhouseRequest();
        try {
            pip.python = configuredRuntime() != null ? installRuntime(configuredRuntime()).python().toString() : python;
            pip.pip = pipOptions();
            pip.timeout = java.time.Duration.ofSeconds(timeout);
            pip.workDirectory = workDirectory;
            return new PysparkFromIndex(processRunner, buildLog()).archives(sparkVersion, pluginCache(), pip);
        } catch (UserError | ProcessException e) {
            getLog().warn(e.getMessage() + System.lineSeparator() + what + " without pyspark");
            return List.of();
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
