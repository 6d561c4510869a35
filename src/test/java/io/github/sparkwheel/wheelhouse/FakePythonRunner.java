package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for Python and pip in unit tests of argument building: answers the identity and probe
 * calls like a CPython 3.11, records every {@code pip wheel} command and writes two wheels for it.
 */
public final class FakePythonRunner implements ProcessRunner {
    public final List<List<String>> pipCalls = new ArrayList<>();
    /** Every {@code pip download} command (a wheelhouse for another machine). */
    public final List<List<String>> downloadCalls = new ArrayList<>();
    public final List<Path> pipWorkingDirectories = new ArrayList<>();
    /** pip's temporary directory (TMPDIR) of each call, and whether it existed while pip ran. */
    public final List<String> pipTempDirectories = new ArrayList<>();
    public final List<String> copiedFiles = new ArrayList<>();
    /** How often the interpreter was asked for its identity (the up-to-date check's fingerprint). */
    public int identityCalls;
    public String version = "3.11.7";
    public String pip = "23.2.1";
    public int pipExitCode;
    public List<String> pipOutput = List.of();
    public String entryPoints = "[console_scripts]\njob = job.cli:main\n";
    /** Whether pip wheel also "builds" a platform wheel (a C extension), dep-2.0-cp311-cp311-linux_x86_64. */
    public boolean platformWheel = true;

    @Override
    public ProcessResult run(ProcessSpec spec, BuildLog log) throws ProcessException {
        List<String> cmd = spec.command();
        if (cmd.contains("download")) {
            downloadCalls.add(cmd);
            return new ProcessResult(pipExitCode, pipOutput, pipOutput);
        }
        if (cmd.contains("wheel")) {
            pipCalls.add(cmd);
            pipWorkingDirectories.add(spec.workingDirectory());
            String tmp = spec.environment().get("TMPDIR");
            pipTempDirectories.add(tmp == null ? null : tmp + (Files.isDirectory(Paths.get(tmp)) ? "" : " (missing)"));
            try (var files = Files.walk(spec.workingDirectory())) {
                copiedFiles.clear();
                files.filter(Files::isRegularFile).map(p -> spec.workingDirectory().relativize(p).toString()).sorted()
                        .forEach(copiedFiles::add);
                Path out = Paths.get(cmd.get(cmd.indexOf("--wheel-dir") + 1));
                TestWheels.wheel(out, "job-1.0-py3-none-any.whl", entryPoints);
                if (platformWheel) {
                    TestWheels.wheel(out, "dep-2.0-cp311-cp311-linux_x86_64.whl", null);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new ProcessResult(pipExitCode, pipOutput, pipOutput);
        }
        if (cmd.contains("-S")) {
            identityCalls++;
            return new ProcessResult(0, List.of("/usr/bin/py", version), List.of());
        }
        String json = "{\"executable\":\"/usr/bin/py\",\"implementation\":\"cpython\",\"version\":\"" + version
                + "\",\"versionInfo\":[3,11],\"platform\":\"linux-x86_64\",\"tag\":\"cp311-cp311-linux_x86_64\","
                + "\"pip\":" + (pip == null ? "null" : "\"" + pip + "\"") + "}";
        return new ProcessResult(0, List.of(json), List.of());
    }
}
