package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.lock.LockCheck;
import io.github.sparkwheel.lock.LockFile;
import io.github.sparkwheel.lock.LockedPackage;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.python.Markers;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.python.PythonInfo;
import io.github.sparkwheel.python.Requirement;
import io.github.sparkwheel.python.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;

/**
 * A wheelhouse built from a lock: nothing is resolved. For this machine, one {@code pip wheel --no-deps} takes the
 * project, the extra distributions, the library modules and every locked package the lock names a wheel of (pinned
 * {@code name==version}, through the build's indexes and find-links), and each wheel it took is then checked against
 * the lock's sha256; the packages the lock gives only hashes or an sdist for go through pip's hash-checking mode
 * ({@code --require-hashes}). For another machine, the job's wheels are built here and the locked ones downloaded for
 * it in hash-checking mode. Last, {@link LockCheck} tells whether the lock meets every requirement of what was built.
 */
final class LockedBuild {

    private final WheelhouseBuilder builder;
    private final ProcessRunner runner;
    private final BuildLog log;

    LockedBuild(WheelhouseBuilder builder, ProcessRunner runner, BuildLog log) {
        this.builder = builder;
        this.runner = runner;
        this.log = log;
    }

    void run(WheelhouseRequest request, ProjectSource source, Path copy, Path wheelDir, LockFile lock, PythonInfo info,
            Target target) throws UserError, ProcessException, IOException {
        Markers.Environment environment = target != null ? Markers.of(target) : Markers.of(info);
        log.info("Building from the " + lock.describe() + " for " + environment.describe());
        List<String> own = WheelhouseBuilder.localTargets(request, source, copy);
        builder.requirementFiles(request, source, copy, new PipOptions()); // lays the library modules' wheels out
        Path libraries = WheelhouseBuilder.librariesDirectory(request);
        if (Files.isDirectory(libraries)) {
            WheelhouseBuilder.wheels(libraries).forEach(w -> own.add(w.path().toString()));
        }
        Set<String> provided = providedNames(request, source, libraries);
        List<LockedPackage> packages = lock.select(environment, source.directory().resolve("pyproject.toml"), provided);
        Target fits = target != null ? target : Target.thisMachine(info);
        checkFilesFor(lock, packages, fits, target, info);

        List<LockedPackage> pinned = new ArrayList<>(); // a wheel named in the lock: pip takes it, Java checks its hash
        List<LockedPackage> hashed = new ArrayList<>(); // only hashes, or an sdist to build: pip's hash-checking mode
        for (LockedPackage p : packages) {
            boolean wheel = p.namesFiles() && p.files().stream().anyMatch(f -> f.isWheel()
                    && (fits == null || f.wheelTags() != null && fits.accepts(f.wheelTags())));
            (wheel && target == null ? pinned : hashed).add(p);
        }
        List<Path> pins = new ArrayList<>();
        if (!pinned.isEmpty()) {
            List<String> lines = new ArrayList<>();
            pinned.forEach(p -> lines.add(p.name() + "==" + p.version()));
            pins.add(Files.write(request.workDirectory.resolve("locked-pins.txt"), lines, StandardCharsets.UTF_8));
        }
        PipOptions local = request.pip.copy();
        local.extraArgs.add(0, "--no-deps");
        // nothing waits for a resolution: the project's build (its isolated build environment, seconds) and the
        // fetching of the locked wheels run side by side
        FutureTask<UserError> fetch = new FutureTask<>(() -> pins.isEmpty() ? null : PipWheelRun.runBeside("locked",
                runner, log, request, local, wheelDir, pins, List.of(), copy));
        Thread fetcher = new Thread(fetch, "pyspark-pip-locked");
        fetcher.setDaemon(true);
        fetcher.start();
        UserError failed = own.isEmpty() ? null : PipWheelRun.run(runner, log, request, local, wheelDir, List.of(), own,
                copy);
        UserError fetchFailed = WheelhouseBuilder.await(fetch, "pip fetched the locked wheels",
                "Fetching the locked wheels failed");
        if (failed != null) {
            throw failed;
        }
        if (fetchFailed != null) {
            throw new UserError("Building from the " + lock.describe() + ": " + fetchFailed.getMessage(), fetchFailed);
        }
        if (target != null) {
            for (WheelFile wheel : WheelhouseBuilder.wheels(wheelDir)) {
                WheelhouseBuilder.mustFit(wheel, target, "built on this machine from " + source.directory());
            }
        }
        checkHashes(lock, pinned, wheelDir);
        if (!hashed.isEmpty()) {
            List<String> lines = new ArrayList<>();
            hashed.forEach(p -> lines.add(p.requirementLine()));
            Path requirements = Files.write(request.workDirectory.resolve("locked-requirements.txt"), lines,
                    StandardCharsets.UTF_8);
            PipOptions options = request.pip.copy();
            options.extraArgs.addAll(0, List.of("--no-deps", "--require-hashes"));
            options.target = target;
            if (target != null) {
                options.findLinks.add(0, wheelDir.toString());
            }
            UserError refused = PipWheelRun.run(runner, log, request, options, wheelDir, List.of(requirements),
                    List.of(), copy, target != null);
            if (refused != null) {
                throw new UserError("Building from the " + lock.describe() + ": " + refused.getMessage(), refused);
            }
        }
        check(lock, environment, source, wheelDir, provided);
        List<String> names = new ArrayList<>();
        packages.forEach(p -> names.add(p.toString()));
        log.info("Took " + packages.size() + " locked packages from the " + lock.describe() + " (" + String.join(", ",
                names.subList(0, Math.min(names.size(), 30))) + (names.size() > 30 ? ", +" + (names.size() - 30)
                        + " more" : "") + "), every file's sha256 checked, nothing resolved");
    }

    /**
     * The names the build brings itself, which the lock does not: the project's, the library modules' (Maven pins
     * them), the extra distributions'.
     */
    private static Set<String> providedNames(WheelhouseRequest request, ProjectSource source, Path libraries)
            throws IOException {
        Set<String> names = new HashSet<>();
        source.projectName().ifPresent(n -> names.add(Requirement.canonicalName(n)));
        if (Files.isDirectory(libraries)) {
            for (WheelFile wheel : WheelhouseBuilder.wheels(libraries)) {
                names.add(wheel.name());
            }
        }
        for (Path distribution : request.extraDistributions) { // name-1.0-py3-none-any.whl, name-1.0.tar.gz
            String file = distribution.getFileName().toString();
            String stem = file.replaceFirst("(\\.whl|\\.tar\\.gz|\\.zip)$", "");
            int dash = file.endsWith(".whl") ? stem.indexOf('-') : stem.lastIndexOf('-');
            names.add(Requirement.canonicalName(dash > 0 ? stem.substring(0, dash) : stem));
        }
        return names;
    }

    private static void checkFilesFor(LockFile lock, List<LockedPackage> packages, Target fits, Target target,
            PythonInfo info) throws UserError {
        if (fits == null) {
            return; // not a Linux CPython: which of the lock's files fit is pip's to tell
        }
        List<String> noFile = new ArrayList<>();
        for (LockedPackage p : packages) {
            if (p.namesFiles() && p.files().stream().noneMatch(f -> f.isWheel()
                    ? f.wheelTags() != null && fits.accepts(f.wheelTags()) : target == null)) {
                List<String> names = new ArrayList<>();
                p.files().forEach(f -> names.add(f.name));
                noFile.add(p + " (" + String.join(", ", names) + ")");
            }
        }
        if (!noFile.isEmpty()) {
            throw new UserError("The " + lock.describe() + " has no file for " + (target != null ? target.describe()
                    : info.implementation + " " + info.majorMinor() + " on " + info.tag.substring(info.tag.lastIndexOf(
                            '-') + 1)) + " of " + String.join("; ", noFile) + ". Lock for the machines the wheelhouse is "
                    + "for (mvn pyspark:lock with the build's <targetPython> and <targetPlatforms>, or the locking "
                    + "tool's own options), or build for the machines the lock has files for");
        }
    }

    /** Each wheel pip took for a pinned package is one the lock allows, by its sha256. */
    private static void checkHashes(LockFile lock, List<LockedPackage> pinned, Path wheelDir)
            throws UserError, IOException {
        Map<String, WheelFile> byName = new TreeMap<>();
        for (WheelFile wheel : WheelhouseBuilder.wheels(wheelDir)) {
            byName.put(wheel.name(), wheel);
        }
        for (LockedPackage p : pinned) {
            WheelFile wheel = byName.get(p.name());
            if (wheel == null) {
                throw new UserError("Building from the " + lock.describe() + ": pip took no wheel of " + p
                        + "; check that the build's indexes and find-links serve it");
            }
            List<String> allowed = new ArrayList<>();
            p.files().forEach(f -> allowed.add(f.sha256));
            if (!allowed.contains(wheel.sha256())) {
                throw new UserError("Building from the " + lock.describe() + ": the file the build's indexes and "
                        + "find-links serve for " + p.name() + " " + p.version() + " (" + wheel.fileName()
                        + ") has sha256 " + wheel.sha256() + ", which the lock does not allow (it allows " + String.join(
                                ", ", allowed) + "): the lock was edited, or the index or find-links serve another "
                        + "file than the one locked. Check the file; if it is the right one, update the lock (mvn "
                        + "pyspark:lock -Dpyspark.lock.upgrade=" + p.name() + ", or the tool that wrote it)");
            }
        }
    }

    /** Whether the lock meets every requirement of the wheels built and taken. */
    private static void check(LockFile lock, Markers.Environment environment, ProjectSource source, Path wheelDir,
            Set<String> provided) throws UserError, IOException {
        List<LockCheck.Wheel> roots = new ArrayList<>();
        List<LockCheck.Wheel> locked = new ArrayList<>();
        Optional<String> project = source.projectName().map(Requirement::canonicalName);
        for (WheelFile wheel : WheelhouseBuilder.wheels(wheelDir)) {
            boolean root = provided.contains(wheel.name());
            String text = wheel.metadata();
            List<String> requires = WheelMetadata.parse(text == null ? "" : text).all("Requires-Dist");
            String origin = !root ? wheel.name() + " " + wheel.version()
                    : project.filter(wheel.name()::equals).isPresent() ? "the project " + wheel.name() + " (its "
                            + (Files.isRegularFile(source.directory().resolve("pyproject.toml")) ? "pyproject.toml"
                                    : "setup.py") + ")"
                            : wheel.name() + " " + wheel.version() + " (built from the sources)";
            (root ? roots : locked).add(new LockCheck.Wheel(wheel.name(), wheel.version(), requires, origin));
        }
        List<String> requirementLines = new ArrayList<>();
        Optional<Path> requirementsFile = source.requirements();
        if (requirementsFile.isPresent() && !requirementsFile.get().toAbsolutePath().normalize().equals(
                lock.path().toAbsolutePath().normalize())) {
            for (String line : LockFile.requirementLines(Files.readString(requirementsFile.get()))) {
                if (!line.startsWith("-")) {
                    requirementLines.add(line);
                }
            }
        }
        LockCheck.check(lock, environment, roots, locked, requirementLines);
    }
}
