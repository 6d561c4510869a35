package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.Heartbeat;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.process.ProcessTimeoutException;
import io.github.sparkwheel.process.SecretMasker;
import io.github.sparkwheel.python.PipEnvironment;
import io.github.sparkwheel.python.PipErrors;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.python.PipWheelCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code pip wheel} of a build, as the wheelhouse and the wheel goals run it: composed, logged with
 * its secrets masked, run with {@code SOURCE_DATE_EPOCH} at the build's time stamp and with its own
 * temporary directory under the module's work directory (two modules of a {@code mvn -T} build share
 * no temporary files); a timeout says which parameter to raise.
 */
public final class PipWheelRun {

    /** After this long without a line from pip, a line says it still runs. */
    static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(60);

    private PipWheelRun() {}

    /** @return what went wrong, in the user's terms, or {@code null} when pip succeeded */
    public static UserError run(ProcessRunner runner, BuildLog log, WheelhouseRequest request, PipOptions options,
            Path wheelDir, List<Path> requirementFiles, List<String> targets, Path workingDirectory)
            throws UserError, ProcessException, IOException {
        return run(runner, log, request, options, wheelDir, requirementFiles, targets, workingDirectory, false);
    }

    /**
     * @param download {@code pip download} (of binary wheels for the options' target, when it has one) instead of
     *     {@code pip wheel}
     */
    public static UserError run(ProcessRunner runner, BuildLog log, WheelhouseRequest request, PipOptions options,
            Path wheelDir, List<Path> requirementFiles, List<String> targets, Path workingDirectory, boolean download)
            throws UserError, ProcessException, IOException {
        return run(runner, log, request, options, pip -> download ? pip.downloadArguments(wheelDir, requirementFiles,
                targets) : pip.arguments(wheelDir, requirementFiles, targets), workingDirectory, "");
    }

    /**
     * A {@code pip wheel} that may run beside another of the same build: its temporary directory and kept log are
     * named after {@code name} ({@code tmp-<name>}, {@code <name>-pip.log}).
     */
    public static UserError runBeside(String name, ProcessRunner runner, BuildLog log, WheelhouseRequest request,
            PipOptions options, Path wheelDir, List<Path> requirementFiles, List<String> targets, Path workingDirectory)
            throws UserError, ProcessException, IOException {
        return run(runner, log, request, options, pip -> pip.arguments(wheelDir, requirementFiles, targets),
                workingDirectory, name);
    }

    /**
     * {@code pip install --dry-run --report}: the resolution pip would install, as JSON in {@code report}.
     *
     * @return what went wrong, in the user's terms, or {@code null} when pip succeeded
     */
    public static UserError report(ProcessRunner runner, BuildLog log, WheelhouseRequest request, PipOptions options,
            Path report, List<Path> requirementFiles, List<String> targets, Path workingDirectory)
            throws UserError, ProcessException, IOException {
        Path scratch = request.workDirectory.resolve("dry-run-target");
        return run(runner, log, request, options, pip -> pip.reportArguments(report, scratch, requirementFiles, targets),
                workingDirectory, "");
    }

    private static UserError run(ProcessRunner runner, BuildLog log, WheelhouseRequest request, PipOptions options,
            java.util.function.Function<PipWheelCommand, List<String>> arguments, Path workingDirectory, String name)
            throws UserError, ProcessException, IOException {
        PipOptions own = options.copy();
        own.tempDirectory = request.workDirectory.resolve(name.isEmpty() ? "tmp" : "tmp-" + name);
        SourceTree.deleteRecursively(own.tempDirectory);
        Files.createDirectories(own.tempDirectory);
        Path kept = request.workDirectory.resolve(name.isEmpty() ? "pip.log" : name + "-pip.log");
        Files.deleteIfExists(kept); // an earlier run's
        PipWheelCommand pip = new PipWheelCommand(request.python, own);
        List<String> args = arguments.apply(pip);
        long epoch = (request.outputTimestamp == null ? ReproducibleZip.DEFAULT_TIMESTAMP : request.outputTimestamp)
                .getEpochSecond();
        ProcessSpec spec = pip.spec(args, workingDirectory, request.timeout, epoch);
        SecretMasker masker = new SecretMasker(spec.secrets());
        PipEnvironment network = pip.network();
        for (String note : network.notes()) {
            log.info(masker.mask(note));
        }
        if (network.netrcFile() != null) { // the servers' credentials, for pip's eyes only
            writePrivately(network.netrcFile(), network.netrcContent());
        }
        log.info("Running " + masker.maskCommandLine(args));
        try {
            ProcessResult result;
            try (Heartbeat beat = Heartbeat.every(HEARTBEAT, log, waited -> "pip is still running (" + waited.toSeconds()
                    + " s) and has written nothing for " + HEARTBEAT.toSeconds() + " s: building a C extension or "
                    + "downloading a large wheel can take that long")) {
                result = runner.run(spec, beat.watch(log));
            }
            if (result.succeeded()) {
                return null;
            }
            Path pipLog = pip.logFile();
            // the temporary directory goes; the log stays (kept)
            List<String> lines = List.of();
            if (Files.isRegularFile(pipLog)) {
                // masked as every log line is, and decoded leniently: a byte pip logged from a server's page must not
                // hide pip's own error
                lines = new java.util.ArrayList<>();
                for (String line : new String(Files.readAllBytes(pipLog), java.nio.charset.StandardCharsets.UTF_8)
                        .split("\\R")) {
                    lines.add(masker.mask(line));
                }
                Files.write(kept, lines, java.nio.charset.StandardCharsets.UTF_8);
            }
            return PipErrors.explain(result, own, lines, Files.isRegularFile(kept) ? kept : null);
        } catch (ProcessTimeoutException e) {
            throw new UserError(e.getMessage() + "; perhaps you should raise <timeout> or -Dpyspark.timeout", e);
        } finally {
            SourceTree.deleteRecursively(own.tempDirectory);
        }
    }

    /**
     * Creates {@code file} (in the temporary directory just made) readable and writable by this user alone (0600)
     * before anything is written to it.
     */
    private static void writePrivately(Path file, String content) throws IOException {
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) { // not a POSIX file system (Windows): the user's temp ACLs apply
            Files.createFile(file);
        }
        Files.write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
