package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.wheelhouse.LibraryBuilder;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.io.IOException;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Builds a Python library module's own wheel ({@code pip wheel --no-deps}) and attaches it to the build
 * as an artifact of type {@code whl}: job modules declare it as a dependency
 * ({@code <type>whl</type>}) and their wheelhouse takes this very wheel, from the reactor or from a
 * Maven repository after {@code mvn install} or {@code mvn deploy}. The wheel's version must be the
 * module's Maven version as PEP 440 writes it: {@code 1.2.0-SNAPSHOT} is {@code 1.2.0.dev0}.
 *
 * @since 0.1.0
 */
@Mojo(name = WheelMojo.GOAL_NAME, defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class WheelMojo extends AbstractPipMojo {

    public static final String GOAL_NAME = "wheel";
    /** The artifact type (and extension) of a Python library's wheel; the plugin registers its handler. */
    public static final String TYPE = "whl";

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.wheel.skip", defaultValue = "false")
    private boolean skipWheel;

    /**
     * Rebuilds the wheel even when nothing changed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.wheel.force", defaultValue = "false")
    private boolean force;

    /**
     * Attaches the wheel to the build (type {@code whl}, no classifier), so that job modules of the
     * reactor can use it and {@code install} and {@code deploy} publish it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.attach", defaultValue = "true")
    private boolean attach;

    @Inject
    public WheelMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper,
            SettingsDecrypter decrypter) {
        super(repositorySystem, projectHelper, decrypter);
    }

    @Override
    protected String goal() {
        return GOAL_NAME;
    }

    @Override
    protected boolean skipGoal() {
        return skipWheel;
    }

    @Override
    protected String skipProperty() {
        return "pyspark.wheel.skip";
    }

    @Override
    protected void run() throws UserError, ProcessException, IOException {
        WheelhouseRequest request = request("pyspark-wheel", force);
        request.outputFile = request.workDirectory.resolve("wheel");
        Path wheel = new LibraryBuilder(processRunner, buildLog()).build(request, project.getVersion());
        if (attach) {
            projectHelper.attachArtifact(project, TYPE, null, wheel.toFile());
        }
    }
}
