package io.github.sparkwheel.testing;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.SharedCache;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.wheelhouse.PipWheelRun;
import io.github.sparkwheel.wheelhouse.TestRequirements;
import io.github.sparkwheel.wheelhouse.WheelFile;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The test dependencies on top of the job's environment: {@code pip wheel} of the module's test requirements,
 * constrained to the versions of the wheelhouse's lock (a test runs against the very versions the job ships) and
 * finding those wheels in the wheelhouse itself; then the wheels the job does not have already are installed into
 * a directory that goes on the tests' PYTHONPATH, beside (never into) the job's virtualenv. Done again only when the
 * requirements, the lock, pip's options or the interpreter change.
 */
final class TestDependencies {

    static final String SITE = "test-site";

    private final ProcessRunner runner;
    private final BuildLog log;

    TestDependencies(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /**
     * @param pip the interpreter, pip's options and timeout; its work directory is this step's
     * @param wheels the unpacked wheelhouse's wheels
     * @param lock the wheelhouse's lock
     * @return the directory to put on the PYTHONPATH
     */
    Path install(TestRequirements requirements, Path sourceDirectory, WheelhouseRequest pip, Path wheels, Path lock,
            String interpreterIdentity) throws UserError, ProcessException, IOException {
        Path work = pip.workDirectory;
        Path site = work.resolve(SITE);
        Path state = work.resolve("test-dependencies.state");
        String lockText = Files.readString(lock, StandardCharsets.UTF_8);
        String fingerprint = Digests.sha256(String.join("\n", "requirements " + requirements.text(), "lock " + lockText,
                "pip " + pip.pip.describe(), "interpreter " + interpreterIdentity, "base "
                        + requirements.baseDirectory(sourceDirectory)).getBytes(StandardCharsets.UTF_8));
        if (Files.isDirectory(site) && Files.isRegularFile(state)
                && Files.readString(state, StandardCharsets.UTF_8).trim().equals(fingerprint)) {
            log.info("Test dependencies (" + requirements.declaredIn() + ") are up to date in " + site + "; pip not started");
            return site;
        }
        Files.deleteIfExists(state);
        log.info("Test dependencies from " + requirements.declaredIn() + ", at the versions of the job's lock");

        Path wheelDir = work.resolve("wheels");
        SharedCache.deleteRecursively(wheelDir);
        Files.createDirectories(wheelDir);
        Path constraints = work.resolve("lock-constraints.txt");
        Set<String> locked = new TreeSet<>();
        List<String> pins = new ArrayList<>();
        for (String line : lockText.split("\\R")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String pin = line.split("\\s+")[0]; // name==version, without its --hash: a constraint carries none
                pins.add(pin);
                locked.add(pin.split("==")[0]);
            }
        }
        Files.write(constraints, pins, StandardCharsets.UTF_8);
        PipOptions options = pip.pip.copy();
        options.findLinks.add(0, wheels.toString()); // the job's wheels satisfy themselves, offline
        options.constraints.add(constraints);
        options.extraArgs.clear(); // <pipArgs> are for the job's pip wheel
        UserError failed = PipWheelRun.run(runner, log, pip, options, wheelDir,
                List.of(requirements.writeTo(work)), List.of(), requirements.baseDirectory(sourceDirectory));
        if (failed != null) {
            throw new UserError("The test dependencies (" + requirements.declaredIn() + ") could not be built: "
                    + failed.getMessage(), failed);
        }

        List<String> install = new ArrayList<>();
        try (DirectoryStream<Path> built = Files.newDirectoryStream(wheelDir, "*.whl")) {
            for (Path wheel : built) {
                if (!locked.contains(WheelFile.of(wheel).name())) {
                    install.add(wheel.toString());
                }
            }
        }
        SharedCache.deleteRecursively(site);
        Files.createDirectories(site);
        if (!install.isEmpty()) {
            install.sort(null);
            List<String> command = new ArrayList<>(List.of(pip.python, "-m", "pip", "--isolated", "install", "--no-deps",
                    "--no-index", "--no-input", "--disable-pip-version-check", "--target", site.toString()));
            command.addAll(install);
            ProcessResult result = runner.run(ProcessSpec.builder(command).description("pip install of the test "
                    + "dependencies").timeout(pip.timeout).removeVariablesStartingWith("PIP_").quiet(true).build(), log);
            if (!result.succeeded()) {
                throw new UserError("pip could not install the test dependencies into " + site + " (exit code "
                        + result.exitCode() + "):" + System.lineSeparator() + result.tailText());
            }
        }
        List<String> names = new ArrayList<>();
        install.forEach(w -> names.add(Path.of(w).getFileName().toString()));
        log.info("Installed " + names.size() + " test dependencies beside the job's environment: " + String.join(", ", names));
        Files.writeString(state, fingerprint + "\n", StandardCharsets.UTF_8);
        return site;
    }
}
