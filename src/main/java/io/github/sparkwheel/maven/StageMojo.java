package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.submit.LayerStaging;
import io.github.sparkwheel.submit.SubmitRequest;
import java.io.IOException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Stages the wheelhouse's layers (and the Spark runtime, and pyspark's zips) on the cluster's file
 * system, as the submit goal would, without submitting: bound to {@code deploy}, a release's
 * {@code mvn deploy} leaves everything on the cluster, and a later {@code pyspark:submit}, from any
 * clone, uploads nothing. Runs only where {@code <stagingDirectory>} is configured.
 *
 * @since 0.1.0
 */
@Mojo(name = StageMojo.GOAL_NAME, defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class StageMojo extends AbstractSparkMojo {

    public static final String GOAL_NAME = "stage";

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.stage.skip", defaultValue = "false")
    private boolean skipStage;

    @Inject
    public StageMojo(RepositorySystem repositorySystem, SettingsDecrypter decrypter) {
        super(repositorySystem, decrypter);
    }

    @Override
    protected String goal() {
        return GOAL_NAME;
    }

    @Override
    protected boolean skipGoal() {
        return skipStage;
    }

    @Override
    protected String skipProperty() {
        return "pyspark.stage.skip";
    }

    @Override
    protected void run() throws UserError, IOException {
        if (configuredStagingDirectory() == null) {
            getLog().info("Skipping stage: no <stagingDirectory> (-Dpyspark.stagingDirectory) is configured, so a later "
                    + "submission stages what it needs itself");
            return;
        }
        SubmitRequest request = sparkRequest("yarn");
        new LayerStaging(processRunner, buildLog()).stageAll(request);
    }
}
