package io.github.sparkwheel.python;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.github.sparkwheel.Resources;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessNotFoundException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

/**
 * Finds and probes the Python interpreter a build uses. Nothing is ever installed into it.
 */
public final class PythonInterpreter {

    static final String NOT_FOUND_HINT = "perhaps you should set <python> or -Dpyspark.python";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final String PROBE_SCRIPT = Resources.text("/io/github/sparkwheel/python/probe.py");
    private static final String IDENTITY_SCRIPT =
            "import sys; print(sys.executable); print(sys.version.replace('\\n', ' '))";

    private final String command;
    private final ProcessRunner runner;

    public PythonInterpreter(String command, ProcessRunner runner) {
        this.command = command == null || command.isBlank() ? "python3" : command.trim();
        this.runner = runner;
    }

    public String command() {
        return command;
    }

    /**
     * A cheap fingerprint of the interpreter (its real executable, version, size and modification
     * time) for the up-to-date check, so that a no-op build need not import pip.
     */
    public String identity() throws UserError, ProcessException {
        ProcessResult result = run(List.of(command, "-E", "-S", "-c", IDENTITY_SCRIPT), "python identity");
        if (!result.succeeded() || result.stdout().size() < 2) {
            throw new UserError("Python interpreter '" + command + "' did not start (exit code " + result.exitCode()
                    + "): " + result.tailText() + System.lineSeparator() + NOT_FOUND_HINT);
        }
        String executable = result.stdout().get(0).trim();
        StringBuilder id = new StringBuilder(executable).append('|').append(result.stdout().get(1).trim());
        try {
            Path real = Paths.get(executable).toRealPath();
            id.append('|').append(real).append('|').append(Files.size(real)).append('|')
                    .append(Files.getLastModifiedTime(real).toMillis());
        } catch (IOException | RuntimeException e) {
            id.append("|unresolved");
        }
        return id.toString();
    }

    /** Starts the interpreter once and reports version, implementation, platform tag and pip. */
    public PythonInfo probe() throws UserError, ProcessException {
        ProcessResult result = run(List.of(command, "-c", PROBE_SCRIPT), "python probe");
        String json = result.stdout().isEmpty() ? "" : result.stdout().get(result.stdout().size() - 1);
        if (!result.succeeded() || !json.startsWith("{")) {
            throw new UserError("Python interpreter '" + command + "' could not be probed (exit code "
                    + result.exitCode() + "): " + result.tailText() + System.lineSeparator()
                    + "The plugin needs Python 3.8 or newer; " + NOT_FOUND_HINT);
        }
        PythonInfo info;
        try {
            info = new Gson().fromJson(json, PythonInfo.class);
        } catch (JsonParseException e) {
            throw new UserError("Python interpreter '" + command + "' answered the probe with '" + json + "'; "
                    + NOT_FOUND_HINT, e);
        }
        info.command = command;
        if (info.versionInfo.get(0) < 3 || (info.versionInfo.get(0) == 3 && info.versionInfo.get(1) < 8)) {
            throw new UserError("Python interpreter '" + command + "' is " + info.version
                    + "; the plugin needs Python 3.8 or newer, " + NOT_FOUND_HINT);
        }
        return info;
    }

    private ProcessResult run(List<String> cmd, String description) throws UserError, ProcessException {
        ProcessSpec spec = ProcessSpec.builder(cmd)
                .description(description)
                .timeout(PROBE_TIMEOUT)
                .quiet(true)
                .build();
        try {
            return runner.run(spec, BuildLog.SILENT);
        } catch (ProcessNotFoundException e) {
            throw new UserError("Python interpreter '" + command + "' not found, " + NOT_FOUND_HINT, e);
        }
    }
}
