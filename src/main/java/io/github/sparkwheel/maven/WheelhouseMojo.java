package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.wheelhouse.BuildTimestamp;
import io.github.sparkwheel.wheelhouse.WheelhouseBuilder;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import io.github.sparkwheel.wheelhouse.WheelhouseResult;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Runs {@code pip wheel} on the job's Python sources and packs every wheel of the job and its
 * dependencies, a lock of exact versions and hashes, a runner and a manifest into a reproducible
 * {@code target/<finalName>-wheelhouse.zip}, attached to the build.
 *
 * @since 0.1.0
 */
@Mojo(name = WheelhouseMojo.GOAL_NAME, defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class WheelhouseMojo extends AbstractPysparkMojo {

    public static final String GOAL_NAME = "wheelhouse";

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.wheelhouse.skip", defaultValue = "false")
    private boolean skipWheelhouse;

    /**
     * The job's Python sources: a package (pyproject.toml or setup.py) or a script with a
     * requirements.txt.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.sourceDirectory", defaultValue = "${project.basedir}/src/main/python")
    private File sourceDirectory;

    /**
     * A requirements file installed with the job. Default: {@code requirements.txt} in the source
     * directory when it exists. Relative paths inside it resolve against the source directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.requirementsFile")
    private File requirementsFile;

    /**
     * pip constraints files ({@code --constraint}).
     *
     * @since 0.1.0
     */
    @Parameter
    private List<File> constraints = new ArrayList<>();

    /**
     * The script of a script job (no pyproject.toml or setup.py), relative to the source directory.
     * It becomes the runner. Default: the only {@code *.py} file at the top of the source directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.script")
    private String script;

    /**
     * The job's entry point, {@code package.module:function} (or {@code package.module} to run it as
     * {@code __main__}). Default: the one {@code console_scripts} entry point of the project's wheel.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.entryPoint")
    private String entryPoint;

    /**
     * Wheels and sdists to put in the wheelhouse as they are (sdists are built into wheels).
     *
     * @since 0.1.0
     */
    @Parameter
    private List<File> extraDistributions = new ArrayList<>();

    /**
     * pip's {@code --index-url}. Default: whatever the user's pip configuration says.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.indexUrl")
    private String indexUrl;

    /**
     * pip's {@code --extra-index-url}s.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> extraIndexUrls = new ArrayList<>();

    /**
     * pip's {@code --find-links}: directories or URLs holding distributions. Relative directories
     * resolve against the project's base directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.findLinks")
    private List<String> findLinks = new ArrayList<>();

    /**
     * pip's {@code --trusted-host}s.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> trustedHosts = new ArrayList<>();

    /**
     * pip's {@code --no-index}: only {@code <findLinks>} are searched. Implied when Maven runs offline
     * ({@code mvn -o}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.noIndex", defaultValue = "false")
    private boolean noIndex;

    /**
     * Further arguments for {@code pip wheel}, one per element.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> pipArgs = new ArrayList<>();

    /**
     * Environment variables for pip, on top of the inherited ones.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> environmentVariables;

    /**
     * Runs pip without the user's pip configuration: {@code PIP_CONFIG_FILE} is set to the null
     * device and every inherited {@code PIP_*} variable is removed. For hermetic builds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.pip.isolated", defaultValue = "false")
    private boolean pipIsolated;

    /**
     * How long pip may run, in seconds; 0 waits for ever.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.timeout", defaultValue = "1800")
    private int timeout;

    /**
     * Rebuilds the wheelhouse even when nothing changed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.wheelhouse.force", defaultValue = "false")
    private boolean force;

    /**
     * The classifier of the attached zip.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.classifier", defaultValue = "wheelhouse")
    private String classifier;

    /**
     * Attaches the zip to the build, so that {@code install} and {@code deploy} publish it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.attach", defaultValue = "true")
    private boolean attach;

    /**
     * Directory of the zip.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File outputDirectory;

    /**
     * The zip's base name.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.finalName}", readonly = true)
    private String finalName;

    /**
     * The time stamp of every zip entry, for reproducible archives. Default: 1980-01-01T00:00:02Z.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    private final MavenProjectHelper projectHelper;

    @Inject
    public WheelhouseMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    /**
     * This plugin's version, recorded in the manifest.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    @Override
    protected String goal() {
        return GOAL_NAME;
    }

    @Override
    protected boolean skipGoal() {
        return skipWheelhouse;
    }

    @Override
    protected String skipProperty() {
        return "pyspark.wheelhouse.skip";
    }

    @Override
    protected void run() throws UserError, ProcessException, IOException {
        WheelhouseRequest request = new WheelhouseRequest();
        request.sourceDirectory = sourceDirectory.toPath();
        request.requirementsFile = requirementsFile == null ? null : requirementsFile.toPath();
        request.script = script == null || script.isBlank() ? null : java.nio.file.Paths.get(script);
        request.entryPoint = entryPoint;
        extraDistributions.forEach(f -> request.extraDistributions.add(f.toPath()));
        request.outputFile = outputDirectory.toPath().resolve(finalName + "-" + classifier + ".zip");
        request.workDirectory = outputDirectory.toPath().resolve("pyspark-wheelhouse");
        request.python = python;
        request.pip = pipOptions();
        request.timeout = Duration.ofSeconds(timeout);
        request.outputTimestamp = BuildTimestamp.parse(outputTimestamp);
        request.force = force;
        request.pluginVersion = pluginVersion;

        WheelhouseResult result = new WheelhouseBuilder(processRunner, buildLog()).build(request);
        if (attach) {
            projectHelper.attachArtifact(project, "zip", classifier, result.archive().toFile());
        }
    }

    private PipOptions pipOptions() {
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
        return pip;
    }
}
