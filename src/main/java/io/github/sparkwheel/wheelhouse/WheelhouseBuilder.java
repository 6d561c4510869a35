package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.lock.LockFile;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.python.PythonInfo;
import io.github.sparkwheel.python.PythonInterpreter;
import io.github.sparkwheel.python.Target;
import io.github.sparkwheel.runner.Bootstrap;
import io.github.sparkwheel.runner.EntryPoint;
import io.github.sparkwheel.runner.RunnerScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Turns a Python job into a wheelhouse zip: copies the sources, runs {@code pip wheel} once for the
 * project, its requirements and the extra distributions, locks every wheel, writes the runner and
 * the manifest and packs it all reproducibly. Skips pip when nothing changed since the last build.
 */
public final class WheelhouseBuilder {

    private final ProcessRunner runner;
    private final BuildLog log;

    public WheelhouseBuilder(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    public WheelhouseResult build(WheelhouseRequest request) throws UserError, ProcessException, IOException {
        PythonInterpreter python = new PythonInterpreter(request.python, runner);
        // the interpreter's start (~0.1-0.2 s, more behind pyenv's shim) runs beside reading and hashing the sources
        FutureTask<String> identityTask = new FutureTask<>(() -> identity(request, python));
        if (request.runtime == null) {
            Thread identifier = new Thread(identityTask, "pyspark-python-identity");
            identifier.setDaemon(true);
            identifier.start();
        } else {
            identityTask.run(); // known without a process
        }
        ProjectSource source = ProjectSource.detect(request.sourceDirectory, request.requirementsFile, request.script);
        EntryPoint configured = request.entryPoint == null || request.entryPoint.isBlank() ? null
                : EntryPoint.parse(request.entryPoint);
        if (configured != null && source.kind() == ProjectSource.Kind.SCRIPT) {
            throw new UserError("<entryPoint> " + configured + " is set, but " + source.directory() + " holds a script "
                    + "job (no pyproject.toml or setup.py) whose script is the runner; remove <entryPoint> or add a "
                    + "pyproject.toml");
        }
        if (request.runtime != null) {
            request.runtime.checkTarget(request.targetPython, request.targetPlatforms);
        }
        LockFile lock = request.ignoreLock ? null : LockFile.find(source.directory(), request.lockFile,
                source.requirements().orElse(null)).orElse(null);
        String fingerprint = UpToDateCheck.fingerprint(request, source, () -> await(identityTask, "identifying"));
        String identity = await(identityTask, "identifying");
        UpToDateCheck upToDate = new UpToDateCheck(request.workDirectory);
        Path[] alsoWritten = java.util.stream.Stream.of(request.sbomFile, request.runnerFile)
                .filter(java.util.Objects::nonNull).toArray(Path[]::new);
        if (!request.force && upToDate.isUpToDate(fingerprint, request.outputFile, alsoWritten)) {
            log.info("Wheelhouse " + request.outputFile + " is up to date (sources, requirements, configuration and "
                    + "interpreter unchanged); pip not started. -Dpyspark.wheelhouse.force=true rebuilds it.");
            return new WheelhouseResult(request.outputFile, true, identity);
        }
        upToDate.forget();

        if (request.sbomFile != null) {
            WheelhouseSbom.warmUpInBackground();
        }
        // the probe (it imports pip) runs beside the copy and pip, off the critical path
        FutureTask<PythonInfo> probe = new FutureTask<>(python::probe);
        Thread prober = new Thread(probe, "pyspark-python-probe");
        prober.setDaemon(true);
        prober.start();

        Path copy = request.workDirectory.resolve("src");
        Path wheelDir = request.workDirectory.resolve("wheels");
        new SourceTree(source.directory()).copyTo(copy);
        SourceTree.deleteRecursively(wheelDir);
        Files.createDirectories(wheelDir);
        Target target = null;
        PythonInfo info;
        if (lock != null) {
            info = withPip(await(probe), python);
            if (!request.targetPlatforms.isEmpty() || request.targetPython != null) {
                target = Target.of(request.targetPython != null ? request.targetPython : info.majorMinor(),
                        request.targetPlatforms);
            }
            new LockedBuild(this, runner, log).run(request, source, copy, wheelDir, lock, info, target);
        } else if (request.targetPlatforms.isEmpty() && request.targetPython == null) {
            UserError pipFailure = runPip(request, source, copy, wheelDir);
            info = withPip(await(probe), python);
            if (pipFailure != null) {
                throw pipFailure;
            }
            log.info("Built the wheels with " + info + (request.runtime == null ? "" : ", the Python runtime "
                    + request.runtime.coordinates()) + ", pip " + info.pip + ", for " + info.tag);
            noteThePlatform(info, wheelDir);
        } else { // another machine's wheelhouse: pip download needs the target's Python first
            info = withPip(await(probe), python);
            target = Target.of(request.targetPython != null ? request.targetPython : info.majorMinor(),
                    request.targetPlatforms);
            runPipForTarget(request, source, copy, wheelDir, target);
            log.info("Built the job's own wheels with " + info + " and fetched its dependencies' wheels for "
                    + target.describe());
        }

        Manifest manifest = pack(request, source, configured, target == null ? info : targetInfo(target), target,
                wheelDir, lock == null ? null : lock.reference(source.directory()));
        upToDate.record(fingerprint, request.outputFile);
        log.info("Wrote " + request.outputFile + " (" + manifest.wheelCount() + " wheels, "
                + Files.size(request.outputFile) + " bytes, " + manifest.digest() + ")");
        return new WheelhouseResult(request.outputFile, false, identity);
    }

    /**
     * What the up-to-date check knows the interpreter by: a Python runtime by its archive's sha256 and where it is
     * unpacked (no process to start: the cache never changes a runtime in place), else what the interpreter says.
     */
    public static String identity(WheelhouseRequest request, PythonInterpreter python) throws UserError, ProcessException {
        return request.runtime != null ? "runtime " + request.runtime.sha256() + " " + request.runtime.python()
                : python.identity();
    }

    /** Locks the wheels and writes them, the lock, the runner, the bootstrap and the manifest into the zip. */
    private Manifest pack(WheelhouseRequest request, ProjectSource source, EntryPoint configured, PythonInfo info,
            Target target, Path wheelDir, LockFile.Reference lockedFrom) throws UserError, IOException {
        Lock lock = Lock.of(wheels(wheelDir));
        log.info("Locked " + lock.wheels().size() + " wheels");
        TreeMap<String, String> digests = new TreeMap<>();
        ReproducibleZip zip = new ReproducibleZip(request.outputTimestamp);
        for (WheelFile wheel : lock.wheels()) {
            String name = Manifest.WHEEL_DIRECTORY + "/" + wheel.fileName();
            zip.add(name, wheel.path(), false, true);
            digests.put(name, wheel.sha256());
        }
        byte[] lockText = lock.text().getBytes(StandardCharsets.UTF_8);
        add(zip, digests, Lock.FILE_NAME, lockText, false);

        String entryPoint = null;
        String declaredIn = null;
        String script = null;
        byte[] runnerScript;
        if (source.kind() == ProjectSource.Kind.SCRIPT) {
            script = source.directory().relativize(source.script().orElseThrow()).toString();
            runnerScript = Files.readAllBytes(source.script().orElseThrow());
        } else {
            EntryPoint resolved;
            if (configured != null) {
                resolved = configured;
                declaredIn = "<entryPoint> (-Dpyspark.entryPoint)";
            } else {
                String[] consoleScript = request.entryPointOptional ? detectOptionalConsoleScript(source, lock)
                        : detectConsoleScript(source, lock);
                resolved = consoleScript == null ? null : EntryPoint.parse(consoleScript[1]);
                declaredIn = consoleScript == null ? null : source.whereDeclared(consoleScript[0]);
            }
            entryPoint = resolved == null ? null : resolved.toString();
            runnerScript = (resolved == null ? RunnerScript.withoutEntryPoint() : RunnerScript.render(resolved))
                    .getBytes(StandardCharsets.UTF_8);
        }
        add(zip, digests, RunnerScript.FILE_NAME, runnerScript, true);
        // the executor's venv depends on the wheels alone, and the lock names each by its hash
        String envId = Digests.sha256(lockText).substring(0, 32);
        for (Map.Entry<String, byte[]> file : Bootstrap.files(envId).entrySet()) {
            add(zip, digests, file.getKey(), file.getValue(), file.getKey().equals(Bootstrap.INTERPRETER));
        }

        Manifest manifest = new Manifest(request.pluginVersion, info, target,
                request.runtime == null ? null : request.runtime.manifestEntry(), source.projectName().orElse(null),
                entryPoint, declaredIn, script, lock, lockedFrom, Bootstrap.describe(envId), contentDigest(digests));
        zip.add(Manifest.FILE_NAME, manifest.toJson(), false);
        zip.writeTo(request.outputFile);
        if (request.runnerFile != null) {
            Files.createDirectories(request.runnerFile.toAbsolutePath().getParent());
            Files.write(request.runnerFile, runnerScript);
        }
        if (request.sbomFile != null) {
            writeSbom(request, lock, info, lockedFrom);
        }
        return manifest;
    }

    private void writeSbom(WheelhouseRequest request, Lock lock, PythonInfo info, LockFile.Reference lockedFrom)
            throws IOException {
        Instant timestamp = ReproducibleZip.DEFAULT_TIMESTAMP.equals(request.outputTimestamp) ? null
                : request.outputTimestamp;
        WheelhouseSbom.Runtime runtime = request.runtime == null ? null : new WheelhouseSbom.Runtime(
                request.runtime.coordinates(), request.runtime.sha256(), info.version);
        byte[] json = WheelhouseSbom.json(request.sbomSubject, lock, info.tag, request.pluginVersion, timestamp, runtime,
                lockedFrom);
        Files.createDirectories(request.sbomFile.toAbsolutePath().getParent());
        Files.write(request.sbomFile, json);
        log.info("Wrote " + request.sbomFile + " (CycloneDX " + WheelhouseSbom.SPEC_VERSION
                + " bill of materials of " + request.sbomSubject + ": " + lock.wheels().size() + " wheels, "
                + WheelhouseSbom.digest(json) + ")");
    }

    /** Runs pip wheel; returns what went wrong, or {@code null}. */
    private UserError runPip(WheelhouseRequest request, ProjectSource source, Path copy, Path wheelDir)
            throws UserError, ProcessException, IOException {
        PipOptions options = request.pip.copy();
        List<Path> requirementFiles = requirementFiles(request, source, copy, options);
        List<String> targets = localTargets(request, source, copy);
        if (targets.isEmpty() && requirementFiles.isEmpty()) {
            return null;
        }
        return PipWheelRun.run(runner, log, request, options, wheelDir, requirementFiles, targets, copy);
    }

    /**
     * For another machine: the job's own wheels (and {@code <extraDistributions>}) built here without their
     * dependencies, which must then be pure; the dependencies fetched by {@code pip download} as binary wheels
     * for the target, from the same indexes, find-links and constraints.
     */
    private void runPipForTarget(WheelhouseRequest request, ProjectSource source, Path copy, Path wheelDir,
            Target target) throws UserError, ProcessException, IOException {
        PipOptions options = request.pip.copy();
        options.target = target;
        List<Path> requirementFiles = requirementFiles(request, source, copy, options);
        List<String> targets = localTargets(request, source, copy);
        if (!targets.isEmpty()) {
            PipOptions local = options.copy();
            local.target = null; // built for this machine: a failure here is not about the target's wheels
            local.extraArgs.add(0, "--no-deps");
            UserError failed = PipWheelRun.run(runner, log, request, local, wheelDir, List.of(), targets, copy);
            if (failed != null) {
                throw failed;
            }
        }
        List<Path> built = new ArrayList<>();
        for (WheelFile wheel : wheels(wheelDir)) {
            built.add(wheel.path());
            mustFit(wheel, target, "built on this machine from " + source.directory());
        }
        Path libraries = librariesDirectory(request);
        if (Files.isDirectory(libraries)) { // the library modules' wheels, as requirementFiles laid them out
            for (WheelFile wheel : wheels(libraries)) {
                mustFit(wheel, target, "a library module's wheel");
            }
        }
        List<String> downloads = new ArrayList<>();
        built.forEach(p -> downloads.add(p.toString()));
        if (downloads.isEmpty() && requirementFiles.isEmpty()) {
            return;
        }
        options.findLinks.add(0, wheelDir.toString()); // the wheels just built satisfy themselves
        UserError failed = PipWheelRun.run(runner, log, request, options, wheelDir, requirementFiles, downloads, copy, true);
        if (failed != null) {
            throw failed;
        }
    }

    static void mustFit(WheelFile wheel, Target target, String what) throws UserError {
        if (!target.accepts(wheel.tags())) {
            throw new UserError(wheel.fileName() + " (" + what + ") is for " + wheel.tags() + " and does not run on "
                    + target.describe() + ": a platform-specific wheel cannot be built here for another machine. Build the "
                    + "wheelhouse on a machine like the cluster's nodes, add a wheel built there to <findLinks> or "
                    + "<extraDistributions>, or drop <targetPlatforms> and <targetPython>");
        }
    }

    /** The requirements pip resolves: the library modules' wheels (first in find-links), then the job's file. */
    List<Path> requirementFiles(WheelhouseRequest request, ProjectSource source, Path copy, PipOptions options)
            throws IOException {
        List<Path> requirementFiles = new ArrayList<>();
        Path libraries = libraryRequirements(request);
        if (libraries != null) {
            requirementFiles.add(libraries);
            options.findLinks.add(0, librariesDirectory(request).toString());
        }
        // inside the source directory, the copy's file is used: its relative paths resolve inside the copy
        source.requirements().ifPresent(r -> requirementFiles.add(r.toAbsolutePath().startsWith(
                source.directory().toAbsolutePath()) ? copy.resolve(source.directory().toAbsolutePath().relativize(
                r.toAbsolutePath()).toString()) : r.toAbsolutePath()));
        return requirementFiles;
    }

    /** What pip builds here: the project's copy and the extra distributions. */
    static List<String> localTargets(WheelhouseRequest request, ProjectSource source, Path copy) {
        List<String> targets = new ArrayList<>();
        if (source.kind() == ProjectSource.Kind.PACKAGE) {
            targets.add(copy.toString());
        }
        request.extraDistributions.forEach(d -> targets.add(d.toAbsolutePath().toString()));
        return targets;
    }

    /**
     * Without a target, a wheelhouse with platform wheels runs only where they fit: said once per build, so that a
     * Mac or Windows user learns it before the cluster does.
     */
    private void noteThePlatform(PythonInfo info, Path wheelDir) throws IOException {
        List<String> platformWheels = new ArrayList<>();
        java.util.Set<String> platforms = new java.util.TreeSet<>();
        for (WheelFile wheel : wheels(wheelDir)) {
            if (!wheel.tags().endsWith("-any")) {
                platformWheels.add(wheel.fileName());
                platforms.add(wheel.tags().substring(wheel.tags().lastIndexOf('-') + 1));
            }
        }
        if (platformWheels.isEmpty()) {
            return;
        }
        String platform = String.join(", ", platforms);
        String message = "The wheelhouse holds platform wheels (" + String.join(", ", platformWheels.subList(0,
                Math.min(3, platformWheels.size()))) + (platformWheels.size() > 3 ? ", +" + (platformWheels.size() - 3)
                + " more" : "") + "): it runs on nodes with " + info.implementation + " " + info.majorMinor() + " on "
                + platform + ", like this machine. If the cluster's nodes differ, set <targetPlatforms> and <targetPython> "
                + "(-Dpyspark.targetPlatforms, -Dpyspark.targetPython)";
        if (info.platform != null && info.platform.startsWith("linux")) {
            log.info(message);
        } else {
            log.warn(message);
        }
    }

    /** The manifest's python of a wheelhouse for another machine: what the bootstrap there checks. */
    private static PythonInfo targetInfo(Target target) {
        PythonInfo info = new PythonInfo();
        info.implementation = "cpython";
        info.version = target.python();
        info.versionInfo = List.of(3, target.minor());
        info.tag = target.tag();
        info.platform = target.platforms().get(0);
        return info;
    }

    static PythonInfo withPip(PythonInfo info, PythonInterpreter python) throws UserError {
        if (!info.hasPip()) {
            throw new UserError("Python interpreter '" + python.command() + "' (" + info + ") has no pip; install pip "
                    + "for it (" + python.command() + " -m ensurepip) or perhaps you should set <python> or "
                    + "-Dpyspark.python to an interpreter that has pip");
        }
        return info;
    }

    /**
     * The library modules' wheels under their PEP 427 names in {@code <work>/libraries} (a repository
     * stores them as {@code <artifactId>-<version>.whl}), and a requirements file naming each by its path
     * ({@code textkit @ file:///…}): pip takes these very files, whatever an index holds. {@code null}
     * when there are none.
     */
    private Path libraryRequirements(WheelhouseRequest request) throws IOException {
        Path dir = librariesDirectory(request);
        SourceTree.deleteRecursively(dir); // an earlier build's libraries are not this one's
        if (request.libraryWheels.isEmpty()) {
            return null;
        }
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path wheel : request.libraryWheels) {
            String fileName = WheelFile.fileNameFromMetadata(wheel);
            Path copy = dir.resolve(fileName);
            Files.copy(wheel, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            lines.add(fileName.split("-", 2)[0] + " @ " + copy.toUri());
            names.add(fileName);
        }
        log.info("Taking the Python library modules' wheels as they are: " + String.join(", ", names));
        Path requirements = request.workDirectory.resolve("libraries.txt");
        Files.write(requirements, lines, StandardCharsets.UTF_8);
        return requirements;
    }

    static Path librariesDirectory(WheelhouseRequest request) {
        return request.workDirectory.resolve("libraries");
    }

    private static PythonInfo await(FutureTask<PythonInfo> probe) throws UserError, ProcessException, IOException {
        return await(probe, "probing");
    }

    private static <T> T await(FutureTask<T> task, String doing) throws UserError, ProcessException, IOException {
        return await(task, doing + " the Python interpreter", "Python " + doing + " failed");
    }

    /**
     * The result of a task run on another thread, its failure rethrown as it was thrown; when this thread is
     * interrupted, the task is too (a process it waits for is then killed).
     *
     * @param interrupted what was being waited for, for {@code Interrupted while …}
     * @param failed the message of anything else the task threw
     */
    static <T> T await(FutureTask<T> task, String interrupted, String failed)
            throws UserError, ProcessException, IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProcessException("Interrupted while " + interrupted, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UserError) {
                throw (UserError) cause;
            }
            if (cause instanceof ProcessException) {
                throw (ProcessException) cause;
            }
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IllegalStateException(failed, cause);
        }
    }

    static List<WheelFile> wheels(Path wheelDir) throws IOException {
        List<WheelFile> wheels = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(wheelDir, "*.whl")) {
            for (Path file : files) {
                wheels.add(WheelFile.of(file));
            }
        }
        return wheels;
    }

    /** The one console script of the project's own wheel: {name, entry point}. */
    static String[] detectConsoleScript(ProjectSource source, Lock lock) throws UserError, IOException {
        String hint = ", perhaps you should set <entryPoint>package.module:function</entryPoint> or -Dpyspark.entryPoint";
        Optional<String> name = source.projectName().map(WheelFile::canonicalName);
        if (name.isEmpty()) {
            throw new UserError("No entry point: the project name in " + source.directory()
                    + " cannot be read without running its build, so its console_scripts are unknown" + hint);
        }
        WheelFile own = lock.wheels().stream().filter(w -> w.name().equals(name.get())).findFirst()
                .orElseThrow(() -> new UserError("No entry point: pip built no wheel named " + name.get() + hint));
        List<String[]> scripts = own.consoleScripts();
        if (scripts.size() != 1) {
            List<String> found = new ArrayList<>();
            scripts.forEach(s -> found.add(s[0] + " = " + s[1]));
            throw new UserError("No entry point: " + own.fileName() + " declares " + (scripts.isEmpty()
                    ? "no console_scripts" : scripts.size() + " console_scripts " + found) + hint);
        }
        return scripts.get(0);
    }

    /** A library's console script for its tests' wheelhouse: the one it declares, else {@code null}. */
    private static String[] detectOptionalConsoleScript(ProjectSource source, Lock lock) throws IOException {
        try {
            return detectConsoleScript(source, lock);
        } catch (UserError none) {
            return null;
        }
    }

    private static void add(ReproducibleZip zip, Map<String, String> digests, String name, byte[] content,
            boolean executable) {
        zip.add(name, content, executable);
        digests.put(name, Digests.sha256(content));
    }

    /** sha256 over every entry but the manifest: {@code name NUL sha256 LF}, sorted by name. */
    static String contentDigest(TreeMap<String, String> digests) {
        StringBuilder sb = new StringBuilder();
        digests.forEach((name, sha) -> sb.append(name).append('\0').append(sha).append('\n'));
        return "sha256:" + Digests.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
