package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.python.Requirement;
import io.github.sparkwheel.wheelhouse.Locker;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Writes the job's lock: a PEP 751 {@code pylock.toml} beside pyproject.toml (or {@code <lockFile>}), from a fresh
 * resolution for the machines the wheelhouse is for ({@code <targetPython>}, {@code <targetPlatforms>}, else this
 * one), through the build's indexes, find-links and constraints, with a sha256 for every file it names. The
 * wheelhouse goal then builds exactly what it says. Takes the wheelhouse goal's configuration.
 *
 * @since 0.1.0
 */
@Mojo(name = LockMojo.GOAL_NAME, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class LockMojo extends WheelhouseMojo {

    public static final String GOAL_NAME = "lock";

    /**
     * The packages to move to the newest versions the job's ranges allow, comma-separated
     * ({@code -Dpyspark.lock.upgrade=pandas,pyarrow}); every other package keeps the version the current lock pins.
     * Default: none, and everything is resolved afresh.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.lock.upgrade")
    private String upgrade;

    @Inject
    public LockMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper, SettingsDecrypter decrypter) {
        super(repositorySystem, projectHelper, decrypter);
    }

    @Override
    protected String goal() {
        return GOAL_NAME;
    }

    @Override
    protected boolean skipGoal() {
        return false;
    }

    @Override
    protected String skipProperty() {
        return null;
    }

    @Override
    protected void run() throws UserError, ProcessException, IOException {
        Path output = lockFile != null ? lockFile.toPath() : sourceDirectory.toPath().resolve("pylock.toml");
        if (!output.getFileName().toString().matches("pylock\\.([^.]+\\.)?toml")) {
            throw new UserError("pyspark:lock writes a PEP 751 pylock.toml, but <lockFile> (-Dpyspark.lockFile) names "
                    + output + ": lock that one with the tool it belongs to (uv lock, poetry lock), or point <lockFile> "
                    + "to a pylock.toml");
        }
        WheelhouseRequest request = wheelhouseRequest();
        request.workDirectory = outputDirectory.toPath().resolve("pyspark-lock");
        request.ignoreLock = true;
        Set<String> names = new TreeSet<>();
        if (upgrade != null) {
            for (String name : upgrade.split(",")) {
                if (!name.isBlank()) {
                    names.add(Requirement.canonicalName(name.trim()));
                }
            }
        }
        new Locker(processRunner, buildLog()).lock(request, output, project.getBasedir().toPath(), names);
    }
}
