package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.process.ProcessTimeoutException;
import io.github.sparkwheel.process.SecretMasker;
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
final class PipWheelRun {

    private PipWheelRun() {}

    static ProcessResult run(ProcessRunner runner, BuildLog log, WheelhouseRequest request, PipOptions options,
            Path wheelDir, List<Path> requirementFiles, List<String> targets, Path workingDirectory)
            throws UserError, ProcessException, IOException {
        PipOptions own = options.copy();
        own.tempDirectory = request.workDirectory.resolve("tmp");
        SourceTree.deleteRecursively(own.tempDirectory);
        Files.createDirectories(own.tempDirectory);
        PipWheelCommand pip = new PipWheelCommand(request.python, own);
        List<String> args = pip.arguments(wheelDir, requirementFiles, targets);
        long epoch = (request.outputTimestamp == null ? ReproducibleZip.DEFAULT_TIMESTAMP : request.outputTimestamp)
                .getEpochSecond();
        ProcessSpec spec = pip.spec(args, workingDirectory, request.timeout, epoch);
        log.info("Running " + new SecretMasker(spec.secrets()).maskCommandLine(args));
        try {
            return runner.run(spec, log);
        } catch (ProcessTimeoutException e) {
            throw new UserError(e.getMessage() + "; perhaps you should raise <timeout> or -Dpyspark.timeout", e);
        } finally {
            SourceTree.deleteRecursively(own.tempDirectory);
        }
    }
}
