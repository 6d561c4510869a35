package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.runtime.NodeRuntime;
import io.github.sparkwheel.submit.LivyRequest;
import io.github.sparkwheel.wheelhouse.WheelhouseBuilder;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import io.github.sparkwheel.wheelhouse.WheelhouseResult;
import io.github.sparkwheel.wheelhouse.WheelhouseSbom;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs {@code pip wheel} on the job's Python sources and packs every wheel of the job and its
 * dependencies, a lock of exact versions and hashes, a runner and a manifest into a reproducible
 * {@code target/<finalName>-wheelhouse.zip}, attached to the build. The wheels of the Python library
 * modules it depends on ({@code <type>whl</type>}, see the {@code wheel} goal) are taken as they are.
 *
 * @since 0.1.0
 */
@Mojo(name = WheelhouseMojo.GOAL_NAME, defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class WheelhouseMojo extends AbstractPipMojo {

    public static final String GOAL_NAME = "wheelhouse";
    static final String DEFAULT_CLASSIFIER = "wheelhouse";

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.wheelhouse.skip", defaultValue = "false")
    private boolean skipWheelhouse;

    /**
     * A requirements file installed with the job. Default: {@code requirements.txt} in the source
     * directory when it exists. Relative paths inside it resolve against the source directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.requirementsFile")
    private File requirementsFile;

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
     * The lock the wheelhouse is built from: a PEP 751 {@code pylock.toml} (or {@code pylock.<name>.toml}),
     * {@code uv.lock}, {@code poetry.lock}, or a requirements file with a {@code --hash} on every requirement.
     * The wheelhouse then holds exactly the locked versions that apply on the cluster's nodes (their Python and
     * platform), each file found by name and sha256 through the build's indexes and find-links, nothing resolved;
     * a lock that no longer fits the job fails the build. Default: {@code pylock.toml}, {@code uv.lock} or
     * {@code poetry.lock} in the source directory, else the requirements file when every requirement in it is
     * hashed; none of them: the job's ranges are resolved. {@code mvn pyspark:lock} writes a pylock.toml.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.lockFile")
    File lockFile;

    /**
     * Wheels and sdists to put in the wheelhouse as they are (sdists are built into wheels).
     *
     * @since 0.1.0
     */
    @Parameter
    private List<File> extraDistributions = new ArrayList<>();

    /**
     * The classifier of the attached zip.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.classifier", defaultValue = DEFAULT_CLASSIFIER)
    private String classifier;

    /**
     * Attaches the zip to the build, so that {@code install} and {@code deploy} publish it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.attach", defaultValue = "true")
    private boolean attach;

    /**
     * Writes a CycloneDX JSON bill of materials of the wheelhouse, {@code target/<finalName>-cyclonedx.json}: one
     * component per wheel (name, version, {@code pkg:pypi} purl, sha256, licence from its METADATA) and the
     * dependencies the wheels declare, the job's Maven artifact as its subject. It is attached with the zip,
     * classifier {@code cyclonedx} (or {@code <classifier>-cyclonedx} beside a zip of another classifier), type
     * {@code json}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.sbom", defaultValue = "true")
    private boolean sbom;

    /**
     * The zip's base name.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.finalName}", readonly = true)
    private String finalName;

    /**
     * The platform tags of the cluster's nodes when they differ from this machine's, e.g.
     * {@code manylinux2014_x86_64} or {@code manylinux_2_28_aarch64} (a manylinux tag includes the older ones
     * such a node runs). The job's own wheels are built here and must be pure Python; every dependency is
     * fetched as a binary wheel for the target ({@code pip download --only-binary=:all: --platform …}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.targetPlatforms")
    private List<String> targetPlatforms = new ArrayList<>();

    /**
     * The Python version of the cluster's nodes, e.g. {@code 3.10}, for {@code <targetPlatforms>}. Default:
     * the version of {@code <python>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.targetPython")
    private String targetPython;

    /**
     * Rebuilds the wheelhouse even when nothing changed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.wheelhouse.force", defaultValue = "false")
    private boolean force;

    @Inject
    public WheelhouseMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper,
            SettingsDecrypter decrypter) {
        super(repositorySystem, projectHelper, decrypter);
    }

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
        WheelhouseResult result = new WheelhouseBuilder(processRunner, buildLog()).build(wheelhouseRequest());
        if (attach) {
            projectHelper.attachArtifact(project, "zip", classifier, result.archive().toFile());
            if (sbom) {
                projectHelper.attachArtifact(project, "json", sbomClassifier(), sbomFile().toFile());
            }
            projectHelper.attachArtifact(project, "py", LivyRequest.runnerClassifier(classifier), runnerFile().toFile());
            NodeRuntime runtime = wheelhouseRuntime(result.archive());
            if (runtime != null) { // what the nodes unpack, so that a gateway's Spark can fetch it from the repository
                projectHelper.attachArtifact(project, "tar.gz", LivyRequest.runtimeClassifier(classifier),
                        runtime.layer().toFile());
            }
        }
    }

    private String sbomClassifier() {
        return DEFAULT_CLASSIFIER.equals(classifier) ? "cyclonedx" : classifier + "-cyclonedx";
    }

    /** The runner beside the zip: a gateway's Spark fetches it from the repository as the primary resource. */
    private java.nio.file.Path runnerFile() {
        return outputDirectory.toPath().resolve(finalName + "-" + LivyRequest.runnerClassifier(classifier) + ".py");
    }

    private java.nio.file.Path sbomFile() {
        return outputDirectory.toPath().resolve(finalName + "-" + sbomClassifier() + ".json");
    }

    /** The wheelhouse this goal builds, as configured: the test goal builds the very same one before it. */
    WheelhouseRequest wheelhouseRequest() throws UserError, IOException {
        WheelhouseRequest request = request("pyspark-wheelhouse", force);
        request.outputFile = outputDirectory.toPath().resolve(finalName + "-" + classifier + ".zip");
        if (attach) {
            request.runnerFile = runnerFile();
        }
        if (sbom) {
            request.sbomFile = sbomFile();
            request.sbomSubject = new WheelhouseSbom.Subject(project.getGroupId(), project.getArtifactId(),
                    project.getVersion(), classifier);
        }
        ParameterValues values = new ParameterValues(getLog());
        request.targetPlatforms.addAll(values.strings(targetPlatforms, "<targetPlatforms>"));
        request.targetPython = values.string(targetPython, "<targetPython>");
        return withJob(request);
    }

    /**
     * A wheelhouse for this machine with everything the job needs, in the work directory {@code workDirectoryName}:
     * the tests' of a library module (no entry point), or of a job built for other machines.
     */
    WheelhouseRequest wheelhouseForThisMachine(String workDirectoryName) throws UserError, IOException {
        WheelhouseRequest request = request(workDirectoryName, force);
        request.outputFile = request.workDirectory.resolve(finalName + "-" + classifier + ".zip");
        request.entryPointOptional = true;
        return withJob(request);
    }

    /** Whether the wheelhouse is for other machines ({@code <targetPlatforms>}, {@code <targetPython>}). */
    boolean forOtherMachines() {
        return !new ParameterValues(getLog()).strings(targetPlatforms, "<targetPlatforms>").isEmpty()
                || (targetPython != null && !targetPython.isBlank());
    }

    private WheelhouseRequest withJob(WheelhouseRequest request) throws UserError {
        request.requirementsFile = requirementsFile == null ? null : requirementsFile.toPath();
        request.lockFile = lockFile == null ? null : lockFile.toPath();
        request.script = script == null || script.isBlank() ? null : java.nio.file.Paths.get(script);
        request.entryPoint = entryPoint == null || entryPoint.isBlank() ? null : entryPoint.trim();
        ParameterValues values = new ParameterValues(getLog());
        values.files(extraDistributions, "<extraDistributions>").forEach(f -> request.extraDistributions.add(f.toPath()));
        for (Artifact artifact : project.getArtifacts()) { // Python library modules, in the reactor or a repository
            if (WheelMojo.TYPE.equals(artifact.getType()) && artifact.getFile() != null) {
                request.libraryWheels.add(artifact.getFile().toPath());
            }
        }
        return request;
    }

}
