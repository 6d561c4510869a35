package io.github.sparkwheel.wheelhouse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.lock.LockFile;
import io.github.sparkwheel.lock.LockedPackage;
import io.github.sparkwheel.lock.PylockWriter;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.python.Markers;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.python.PythonInfo;
import io.github.sparkwheel.python.PythonInterpreter;
import io.github.sparkwheel.python.Requirement;
import io.github.sparkwheel.python.Target;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code pyspark:lock}: resolves the job for the machines its wheelhouse is for ({@code pip install --dry-run
 * --report}, with the build's indexes, find-links and constraints, the project's own metadata from its sources) and
 * writes the result as a PEP 751 pylock.toml, every file with its sha256. Asked to upgrade some packages, it keeps
 * the others at the versions of the lock it replaces.
 */
public final class Locker {

    private final ProcessRunner runner;
    private final BuildLog log;

    public Locker(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /**
     * @param output the pylock.toml to write
     * @param projectDirectory the module's directory: a file found below it is named by a path relative to the lock
     *     (the same in every clone), any other by its absolute path
     * @param upgrade canonical names of the packages to move; the others keep the versions {@code output} pins
     *     (empty: everything resolved afresh)
     */
    public void lock(WheelhouseRequest request, Path output, Path projectDirectory, Set<String> upgrade)
            throws UserError, ProcessException, IOException {
        ProjectSource source = ProjectSource.detect(request.sourceDirectory, request.requirementsFile, request.script);
        PythonInterpreter python = new PythonInterpreter(request.python, runner);
        PythonInfo info = WheelhouseBuilder.withPip(python.probe(), python);
        Target target = request.targetPlatforms.isEmpty() && request.targetPython == null ? null
                : Target.of(request.targetPython != null ? request.targetPython : info.majorMinor(),
                        request.targetPlatforms);
        Markers.Environment environment = target != null ? Markers.of(target) : Markers.of(info);

        Path copy = request.workDirectory.resolve("src");
        new SourceTree(source.directory()).copyTo(copy);
        PipOptions options = request.pip.copy();
        options.target = target;
        WheelhouseBuilder builder = new WheelhouseBuilder(runner, log);
        List<Path> requirementFiles = builder.requirementFiles(request, source, copy, options);
        List<String> targets = WheelhouseBuilder.localTargets(request, source, copy);
        Map<String, String> before = new TreeMap<>();
        if (Files.isRegularFile(output)) {
            try {
                for (LockedPackage p : LockFile.read(output).select(environment, source.directory().resolve(
                        "pyproject.toml"), Set.of())) {
                    before.put(p.name(), p.version());
                }
            } catch (UserError unusable) { // made for other machines, say: a fresh lock replaces it, keeping nothing
                if (!upgrade.isEmpty()) {
                    throw new UserError("-Dpyspark.lock.upgrade keeps the other packages of " + output + ", but: "
                            + unusable.getMessage() + ". Run mvn pyspark:lock without it to lock everything afresh",
                            unusable);
                }
                log.info("Replacing " + output + ", which this build cannot use (" + unusable.getMessage() + ")");
            }
        }
        if (!upgrade.isEmpty()) {
            List<String> pins = new ArrayList<>();
            before.forEach((name, version) -> {
                if (!upgrade.contains(name)) {
                    pins.add(name + "==" + version);
                }
            });
            Path kept = request.workDirectory.resolve("lock-kept.txt");
            Files.write(kept, pins, StandardCharsets.UTF_8);
            options.constraints.add(kept);
            log.info("Upgrading " + String.join(", ", upgrade) + (before.isEmpty() ? " (there is no " + output
                    + " yet: everything is resolved)" : "; the " + pins.size() + " other packages keep their locked "
                            + "versions"));
        }
        log.info("Resolving " + source.directory() + " for " + environment.describe());
        Path report = request.workDirectory.resolve("resolution.json");
        Files.deleteIfExists(report);
        UserError failed = PipWheelRun.report(runner, log, request, options, report, requirementFiles, targets, copy);
        if (failed != null) {
            throw new UserError("The job could not be resolved for its lock: " + failed.getMessage(), failed);
        }

        List<PylockWriter.Entry> entries = new ArrayList<>();
        List<String> unhashed = new ArrayList<>();
        JsonObject json = JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8)).getAsJsonObject();
        for (JsonElement element : json.getAsJsonArray("install")) {
            JsonObject item = element.getAsJsonObject();
            if (item.has("is_direct") && item.get("is_direct").getAsBoolean()) {
                continue; // the project, a library module, an extra distribution: built from what the build has
            }
            JsonObject metadata = item.getAsJsonObject("metadata");
            String name = Requirement.canonicalName(metadata.get("name").getAsString());
            String version = metadata.get("version").getAsString();
            JsonObject download = item.getAsJsonObject("download_info");
            String url = download.get("url").getAsString();
            String fileName = LockFile.fileName(url);
            String sha256 = hash(download);
            if (url.startsWith("file:")) {
                Path file = Paths.get(URI.create(url.replaceFirst("#.*$", "")));
                if (sha256 == null) {
                    sha256 = Digests.sha256(file);
                }
                entries.add(new PylockWriter.Entry(name, version, fileName, null, where(file, output, projectDirectory), sha256));
            } else {
                if (sha256 == null) {
                    unhashed.add(name + " " + version + " (" + withoutCredentials(url) + ")");
                    continue;
                }
                entries.add(new PylockWriter.Entry(name, version, fileName, withoutCredentials(url), null, sha256));
            }
        }
        if (!unhashed.isEmpty()) {
            throw new UserError("The index gave no sha256 for " + String.join(", ", unhashed) + ", and a lock needs one "
                    + "for every file: use an index that publishes hashes (PEP 503's #sha256= fragments: PyPI, Nexus, "
                    + "Artifactory and devpi do), or put these files in a <findLinks> directory");
        }
        String text = PylockWriter.write(entries, environment, "pyspark-maven-plugin " + request.pluginVersion);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, text, StandardCharsets.UTF_8);
        log.info("Wrote " + output + ": " + entries.size() + " packages for " + environment.describe() + ", each file "
                + "with its sha256" + changes(before, entries));
    }

    /** {@code ; moved: dep 0.2.1 -> 0.3.0; added: …; removed: …} against the lock it replaces. */
    private static String changes(Map<String, String> before, List<PylockWriter.Entry> entries) {
        if (before.isEmpty()) {
            return "";
        }
        Map<String, String> after = new TreeMap<>();
        entries.forEach(e -> after.put(e.name(), e.version()));
        List<String> moved = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        after.forEach((name, version) -> {
            String old = before.get(name);
            if (old == null) {
                added.add(name + " " + version);
            } else if (!old.equals(version)) {
                moved.add(name + " " + old + " -> " + version);
            }
        });
        before.keySet().stream().filter(n -> !after.containsKey(n)).forEach(removed::add);
        if (moved.isEmpty() && added.isEmpty() && removed.isEmpty()) {
            return "; nothing changed";
        }
        return (moved.isEmpty() ? "" : "; moved: " + String.join(", ", moved)) + (added.isEmpty() ? ""
                : "; added: " + String.join(", ", added)) + (removed.isEmpty() ? "" : "; removed: "
                        + String.join(", ", removed));
    }

    private static String hash(JsonObject download) {
        JsonObject archive = download.getAsJsonObject("archive_info");
        if (archive == null) {
            return null;
        }
        JsonObject hashes = archive.getAsJsonObject("hashes");
        if (hashes != null && hashes.has("sha256")) {
            return hashes.get("sha256").getAsString();
        }
        if (archive.has("hash") && archive.get("hash").getAsString().startsWith("sha256=")) {
            return archive.get("hash").getAsString().substring("sha256=".length());
        }
        return null;
    }

    /** A path inside the module relative to the lock (the same in every clone), else absolute. */
    private static String where(Path file, Path lock, Path projectDirectory) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(projectDirectory.toAbsolutePath().normalize())) {
            return absolute.toString();
        }
        return lock.toAbsolutePath().normalize().getParent().relativize(absolute).toString().replace('\\', '/');
    }

    /** A URL as a lock may hold it: no user or password. */
    static String withoutCredentials(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1").replaceFirst("#.*$", "");
    }
}
