package io.github.sparkwheel.wheelhouse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sparkwheel.Resources;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.process.ProcessTimeoutException;
import io.github.sparkwheel.protocol.Protocol;
import io.github.sparkwheel.python.PythonInfo;
import io.github.sparkwheel.python.PythonInterpreter;
import io.github.sparkwheel.python.Target;
import io.github.sparkwheel.runner.Bootstrap;
import io.github.sparkwheel.runner.EntryPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves at build time that a wheelhouse's job will start: unpacks the zip, starts its bootstrap
 * exactly as an executor would (fresh cache, the configured base interpreter), and in that
 * environment checks every requirement and imports the entry point's module without calling it.
 */
public final class WheelhouseVerifier {

    private static final String CHECK = "/io/github/sparkwheel/verify/check_environment.py";

    private final ProcessRunner runner;
    private final BuildLog log;

    public WheelhouseVerifier(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /**
     * @param wheelhouse the zip
     * @param workDirectory scratch space; emptied first
     * @param python the base interpreter the bootstrap builds the venv with
     * @param pythonPath extra PYTHONPATH (pyspark from a Spark home), or {@code null}
     */
    public void verify(Path wheelhouse, Path workDirectory, String python, String pythonPath, Duration timeout)
            throws UserError, ProcessException, IOException {
        if (!Files.isRegularFile(wheelhouse)) {
            throw new UserError("No wheelhouse to verify at " + wheelhouse + ": run the wheelhouse goal first "
                    + "(mvn package), or perhaps you should set <wheelhouse> or -Dpyspark.wheelhouse");
        }
        SourceTree.deleteRecursively(workDirectory);
        Path home = workDirectory.resolve("container/wheelhouse");
        ZipExtractor.extract(wheelhouse, home);
        Path check = workDirectory.resolve("check_environment.py");
        Files.write(check, Resources.bytes(CHECK));
        JsonObject manifest;
        try {
            manifest = JsonParser.parseString(Files.readString(home.resolve(Manifest.FILE_NAME), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new UserError(wheelhouse + " has no readable " + Manifest.FILE_NAME + "; is it a wheelhouse built by "
                    + "this plugin? (" + e.getMessage() + ")", e);
        }
        if (manifest.has("target") && !runsHere(manifest, python)) {
            return;
        }
        String entryPoint = "-";
        String script = "-";
        String module = null;
        if (manifest.has("entryPoint") && !manifest.get("entryPoint").isJsonNull()) {
            EntryPoint parsed = EntryPoint.parse(manifest.get("entryPoint").getAsString());
            entryPoint = parsed.toString();
            module = parsed.module();
        } else if (manifest.has("script") && !manifest.get("script").isJsonNull()) {
            script = home.resolve(manifest.get("runner").getAsString()).toString();
        }
        String declared = manifest.has("entryPointDeclaredIn") && !manifest.get("entryPointDeclaredIn").isJsonNull()
                ? manifest.get("entryPointDeclaredIn").getAsString() : "the wheelhouse's manifest";

        List<String> command = List.of(home.resolve(Bootstrap.INTERPRETER).toString(), check.toString(), entryPoint,
                script, declared);
        ProcessSpec.Builder spec = ProcessSpec.builder(command)
                .description("wheelhouse verification")
                .workingDirectory(home.getParent())
                .timeout(timeout)
                .env(Bootstrap.BASE_PYTHON_VARIABLE, python)
                .env(Bootstrap.CACHE_VARIABLE, workDirectory.resolve("cache").toString())
                .removeVariablesStartingWith("PYSPARK_WHEELHOUSE_")
                .removeVariablesStartingWith("PYTHONPATH");
        if (pythonPath != null && !pythonPath.isEmpty()) {
            spec.env("PYTHONPATH", pythonPath);
        }
        log.info("Verifying " + wheelhouse.getFileName() + ": starting its bootstrap as an executor would, with a "
                + "fresh cache and base interpreter '" + python + "'");
        ProcessResult result;
        try {
            result = runner.run(spec.build(), new BootstrapProgressLog(log));
        } catch (ProcessTimeoutException e) {
            throw new UserError(e.getMessage() + "; perhaps you should raise <verifyTimeout> or -Dpyspark.verify.timeout", e);
        }
        // each failure is known by its own lines, not by the status alone: the job's own code runs in this process
        List<String> missing = Protocol.Failure.DEPENDENCY_MISSING.messages(result.tail());
        if (!result.succeeded() && !missing.isEmpty()) {
            throw new UserError("The wheelhouse lacks a dependency the job needs: " + String.join("; ", missing)
                    + ". Add it to the project's dependencies, its requirements.txt or <extraDistributions>"
                    + " (and check <pipArgs> for --no-deps)");
        }
        List<String> broken = Protocol.Failure.ENTRY_POINT_BROKEN.messages(result.tail());
        if (!result.succeeded() && !broken.isEmpty()) {
            throw new UserError("The job cannot start on the cluster: " + String.join("; ", broken) + ". Fix "
                    + (module != null ? "the entry point (where it is declared) or the function's name in the code"
                            : "the script") + ", then rebuild (mvn package)");
        }
        if (!result.succeeded() && Protocol.Failure.BOOTSTRAP_FAILED.message(result.tail()).isPresent()) {
            throw new UserError("The wheelhouse's bootstrap failed as it would on an executor:" + System.lineSeparator()
                    + bootstrapLines(result));
        }
        if (!result.succeeded()) {
            throw new UserError("The job's entry point " + (module == null ? script : module) + " does not import "
                    + "in the environment built from the wheelhouse (exit code " + result.exitCode() + "):"
                    + System.lineSeparator() + result.tailText());
        }
        log.info("Verified: the wheelhouse installs offline and its entry point " + (module != null && entryPoint.contains(":")
                ? "resolves to a function" : "imports"));
    }

    /**
     * A wheelhouse built for another machine ({@code <targetPlatforms>}) cannot be started on this one: then
     * every wheel's tags are checked against the target, statically, and the log says that nothing was imported.
     *
     * @return whether this machine is like the target, so that the real verification can run
     */
    private boolean runsHere(JsonObject manifest, String python) throws UserError, ProcessException {
        JsonObject targetJson = manifest.getAsJsonObject("target");
        List<String> platforms = new ArrayList<>();
        targetJson.getAsJsonArray("platforms").forEach(p -> platforms.add(p.getAsString()));
        Target target = Target.of(targetJson.get("python").getAsString(), platforms);
        PythonInfo here = new PythonInterpreter(python, runner).probe();
        String hereArch = here.platform != null && here.platform.startsWith("linux-")
                ? here.platform.substring("linux-".length()).replace('-', '_') : null;
        if ("cpython".equals(here.implementation) && here.majorMinor().equals(target.python()) && hereArch != null
                && platforms.stream().allMatch(p -> hereArch.equals(Target.linuxArch(p)))) {
            return true;
        }
        List<String> misfits = new ArrayList<>();
        int count = 0;
        for (com.google.gson.JsonElement element : manifest.getAsJsonArray("wheels")) {
            JsonObject wheel = element.getAsJsonObject();
            count++;
            if (!target.accepts(wheel.get("tags").getAsString())) {
                misfits.add(wheel.get("file").getAsString() + " (" + wheel.get("tags").getAsString() + ")");
            }
        }
        if (!misfits.isEmpty()) {
            throw new UserError("The wheelhouse is for " + target.describe() + ", but " + String.join(", ", misfits)
                    + " do not run there: rebuild it (mvn package) with the same <targetPlatforms> and <targetPython>");
        }
        log.info("pyspark-verify: the wheelhouse is for " + target.describe() + ", not for this machine (" + here
                + ", " + here.platform + "): checked the tags of its " + count + " wheels against the target, all fit; "
                + "the entry point could not be import-checked here (run verify on a machine like the cluster's nodes "
                + "for that)");
        return false;
    }

    /**
     * The bootstrap writes its progress to stderr, as it must on an executor (stdout belongs to PySpark):
     * here that is information, not a warning. Its failures reach the build error itself.
     */
    static final class BootstrapProgressLog implements BuildLog {
        private final BuildLog log;

        BootstrapProgressLog(BuildLog log) {
            this.log = log;
        }

        @Override
        public void debug(String message) {
            log.debug(message);
        }

        @Override
        public void info(String message) {
            log.info(message);
        }

        @Override
        public void warn(String message) {
            if (message.startsWith(Bootstrap.LOG_PREFIX)) {
                log.info(message);
            } else {
                log.warn(message);
            }
        }
    }

    private static String bootstrapLines(ProcessResult result) {
        List<String> lines = new ArrayList<>();
        result.tail().stream().filter(l -> l.startsWith(Bootstrap.LOG_PREFIX)).forEach(lines::add);
        return lines.isEmpty() ? result.tailText() : String.join(System.lineSeparator(), lines);
    }
}
