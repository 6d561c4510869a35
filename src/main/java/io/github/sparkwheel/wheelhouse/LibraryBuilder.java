package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.python.Pep440;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.python.PythonInterpreter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a Python library module's own wheel ({@code pip wheel --no-deps} on a copy of its sources):
 * the artifact that job modules, in the reactor or from a repository, take into their wheelhouses.
 * The wheel's version must be the module's Maven version as PEP 440 writes it ({@link Pep440}), so
 * that pip and Maven mean one thing by it. Skips pip when nothing changed since the last build.
 */
public final class LibraryBuilder {

    private final ProcessRunner runner;
    private final BuildLog log;

    public LibraryBuilder(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** @return the library's wheel, under its PEP 427 name in {@code <workDirectory>/wheel} */
    public Path build(WheelhouseRequest request, String mavenVersion) throws UserError, ProcessException, IOException {
        ProjectSource source = ProjectSource.detect(request.sourceDirectory, null, null);
        if (source.kind() != ProjectSource.Kind.PACKAGE) {
            throw new UserError("A Python library needs a pyproject.toml or setup.py in " + source.directory()
                    + " to build its wheel (a script with a requirements.txt is a job: the wheelhouse goal packs those), "
                    + ProjectSource.SOURCE_HINT);
        }
        PythonInterpreter python = new PythonInterpreter(request.python, runner);
        String fingerprint = UpToDateCheck.fingerprint(request, source, () -> WheelhouseBuilder.identity(request, python))
                + " maven " + mavenVersion;
        Path wheelDir = request.workDirectory.resolve("wheel");
        Path state = request.workDirectory.resolve("wheel.state");
        Path built = previous(state, fingerprint, wheelDir);
        if (!request.force && built != null) {
            log.info("Wheel " + built + " is up to date (sources, configuration and interpreter unchanged); pip not "
                    + "started");
            return built;
        }
        Files.deleteIfExists(state);
        Path copy = request.workDirectory.resolve("src");
        new SourceTree(source.directory()).copyTo(copy);
        SourceTree.deleteRecursively(wheelDir);
        Files.createDirectories(wheelDir);

        PipOptions options = request.pip.copy();
        options.extraArgs.add(0, "--no-deps"); // the library alone: its dependencies are its consumers' business
        UserError failed = PipWheelRun.run(runner, log, request, options, wheelDir, List.of(), List.of(copy.toString()),
                copy);
        if (failed != null) {
            throw failed;
        }
        WheelFile wheel = single(wheelDir, source);
        if (!Pep440.matches(mavenVersion, wheel.version())) {
            throw new UserError(wheel.fileName() + " has version " + wheel.version() + ", but the module's Maven version "
                    + mavenVersion + " stands for " + Pep440.fromMaven(mavenVersion) + " to pip (-SNAPSHOT is .dev0): a job "
                    + "would lock a version that no Maven artifact names. Set the version in " + source.directory()
                    + "'s pyproject.toml or setup.py to " + Pep440.fromMaven(mavenVersion) + ", or the module's "
                    + "<version> to match");
        }
        Files.writeString(state, fingerprint + "\n" + wheel.fileName() + "\n" + Digests.stamp(wheel.path()) + "\n",
                StandardCharsets.UTF_8);
        log.info("Built " + wheel.fileName() + " (" + Files.size(wheel.path()) + " bytes, sha256:" + wheel.sha256() + ")");
        return wheel.path();
    }

    /** The wheel built last time, when it was built from the same inputs and is still as it was written. */
    private static Path previous(Path state, String fingerprint, Path wheelDir) throws IOException {
        if (!Files.isRegularFile(state)) {
            return null;
        }
        List<String> lines = Files.readAllLines(state, StandardCharsets.UTF_8);
        if (lines.size() != 3 || !lines.get(0).equals(fingerprint)) {
            return null;
        }
        Path wheel = wheelDir.resolve(lines.get(1));
        return Files.isRegularFile(wheel) && Digests.stamp(wheel).equals(lines.get(2)) ? wheel : null;
    }

    private static WheelFile single(Path wheelDir, ProjectSource source) throws IOException, UserError {
        List<WheelFile> wheels = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(wheelDir, "*.whl")) {
            for (Path file : files) {
                wheels.add(WheelFile.of(file));
            }
        }
        if (wheels.size() != 1) {
            throw new UserError("pip built " + wheels.size() + " wheels from " + source.directory() + ", a library module "
                    + "builds one: its own (check <pipArgs>)");
        }
        return wheels.get(0);
    }
}
