package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.runtime.NodeRuntime;
import io.github.sparkwheel.spark.PysparkArchives;
import io.github.sparkwheel.spark.SparkHome;
import io.github.sparkwheel.wheelhouse.WheelhouseVerifier;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Proves at build time that the job will start on an executor: unpacks the wheelhouse, starts its
 * bootstrap as an executor would (fresh cache), and imports the entry point's module without
 * calling it. A wheelhouse that lacks a dependency fails the build with the missing name.
 *
 * @since 0.1.0
 */
@Mojo(name = VerifyMojo.GOAL_NAME, defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractPysparkMojo {

    public static final String GOAL_NAME = "verify";

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.verify.skip", defaultValue = "false")
    private boolean skipVerify;

    /**
     * The wheelhouse to verify.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.wheelhouse",
            defaultValue = "${project.build.directory}/${project.build.finalName}-wheelhouse.zip")
    private File wheelhouse;

    /**
     * How long building the environment and importing may take, in seconds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.verify.timeout", defaultValue = "600")
    private int verifyTimeout;

    /**
     * Scratch space: the unpacked wheelhouse and a fresh venv cache.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/pyspark-verify", readonly = true)
    private File workDirectory;

    @Inject
    public VerifyMojo(RepositorySystem repositorySystem, SettingsDecrypter decrypter) {
        super(repositorySystem, decrypter);
    }

    @Override
    protected String goal() {
        return GOAL_NAME;
    }

    @Override
    protected boolean skipGoal() {
        return skipVerify;
    }

    @Override
    protected String skipProperty() {
        return "pyspark.verify.skip";
    }

    @Override
    protected void run() throws UserError, ProcessException, IOException {
        Path home = sparkHome();
        String pyspark = home != null ? SparkHome.pythonPath(home) : PysparkArchives.localPythonPath(
                pysparkArchives(workDirectory.toPath().resolve("pip"), "The entry point is verified"));
        String base = python;
        if (wheelhouse.isFile()) { // else the verifier says what to do
            NodeRuntime runtime = wheelhouseRuntime(wheelhouse.toPath());
            if (runtime != null) { // the runtime as the nodes get it, trimmed: what the job will really run on
                base = runtime.unpacked().python().toString();
            }
        }
        new WheelhouseVerifier(processRunner, buildLog()).verify(wheelhouse.toPath(), workDirectory.toPath(), base,
                pyspark, Duration.ofSeconds(verifyTimeout));
    }
}
