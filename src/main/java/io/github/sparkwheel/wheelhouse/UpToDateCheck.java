package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.runner.Bootstrap;
import io.github.sparkwheel.runner.RunnerScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decides whether a wheelhouse needs building: a digest of every input (sources, requirements,
 * constraints, extra distributions, local find-links, configuration and interpreter) is compared
 * with the one recorded next to the last zip built.
 */
final class UpToDateCheck {

    private final Path stateFile;

    UpToDateCheck(Path workDirectory) {
        this.stateFile = workDirectory.resolve("wheelhouse.state");
    }

    /** What the interpreter is known by, asked for once everything else is hashed (it may still be starting). */
    interface Identity {
        String get() throws UserError, ProcessException, IOException;
    }

    /**
     * The fingerprint, with the interpreter's identity asked for last: a process that identifies it can run while
     * the sources are hashed.
     */
    static String fingerprint(WheelhouseRequest request, ProjectSource source, Identity identity)
            throws IOException, UserError, ProcessException {
        MessageDigest digest = Digests.newSha256();
        List<String> lines = new ArrayList<>();
        lines.addAll(plugin(request.pluginVersion, codeSource()));
        int interpreterLine = lines.size();
        lines.add(null); // the interpreter's identity, filled in last
        lines.add("runtime " + (request.runtime == null ? "-" : request.runtime.coordinates() + " " + request.runtime.sha256()));
        lines.add("entryPoint " + request.entryPoint + (request.entryPointOptional ? " optional" : ""));
        lines.add("script " + source.script().orElse(null));
        lines.add("timestamp " + request.outputTimestamp);
        lines.add("pip " + request.pip.describe());
        lines.add("target " + request.targetPython + " " + request.targetPlatforms);
        lines.add("lock " + (request.ignoreLock ? "ignored" : request.lockFile == null ? "-"
                : request.lockFile.toAbsolutePath() + " " + (Files.isRegularFile(request.lockFile)
                        ? Digests.sha256(request.lockFile) : "-")));
        lines.add("output " + request.outputFile.toAbsolutePath());
        lines.add("sbom " + (request.sbomFile == null ? "-" : request.sbomFile.toAbsolutePath() + " " + request.sbomSubject));
        SourceTree tree = new SourceTree(source.directory());
        for (Path file : tree.files()) {
            lines.add("source " + file + " " + Digests.sha256(tree.root().resolve(file)));
        }
        List<Path> files = new ArrayList<>();
        source.requirements().ifPresent(files::add);
        files.addAll(request.pip.constraints);
        files.addAll(request.extraDistributions);
        for (Path file : files) {
            lines.add("file " + file.toAbsolutePath() + " " + (Files.isRegularFile(file) ? Digests.sha256(file) : "-"));
        }
        for (Path wheel : request.libraryWheels) { // a rebuilt library module makes the job's wheelhouse stale
            lines.add("library " + wheel.toAbsolutePath() + " " + (Files.isRegularFile(wheel) ? Digests.sha256(wheel) : "-"));
        }
        for (String link : request.pip.findLinks) {
            Path dir = source.directory().resolve(link);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> listing = Files.list(dir)) {
                    listing.sorted().forEach(p -> lines.add("link " + p + " " + p.toFile().length()));
                }
            }
        }
        lines.set(interpreterLine, "interpreter " + identity.get());
        for (String line : lines) {
            digest.update(line.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return Digests.hex(digest.digest());
    }

    /**
     * What the plugin is known by, so that another plugin builds anew: a release by its version; a SNAPSHOT also by
     * its jar (each install of it writes the jar anew; a changed Java class can change the archive as much as a
     * changed resource), or when it runs from classes, by what it writes into the archive from its resources.
     *
     * @param jar where the plugin's classes come from
     */
    static List<String> plugin(String version, Path jar) throws IOException {
        List<String> lines = new ArrayList<>(List.of("plugin " + version));
        if (!version.endsWith("-SNAPSHOT")) {
            return lines;
        }
        if (jar != null && Files.isRegularFile(jar)) {
            lines.add("jar " + jar + " " + Digests.stamp(jar));
            return lines;
        }
        Bootstrap.files("").forEach((name, content) -> lines.add("resource " + name + " " + Digests.sha256(content)));
        lines.add("resource runner " + Digests.sha256(RunnerScript.template().getBytes(StandardCharsets.UTF_8)));
        return lines;
    }

    /** The plugin's jar, or its classes directory. */
    static Path codeSource() {
        try {
            java.security.CodeSource source = UpToDateCheck.class.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Up to date when the recorded fingerprint matches, the zip is the one written with it and the files written
     * beside it ({@code alsoWritten}: the bill of materials) are there.
     */
    boolean isUpToDate(String fingerprint, Path zip, Path... alsoWritten) throws IOException {
        if (!Files.isRegularFile(stateFile) || !Files.isRegularFile(zip)
                || !java.util.Arrays.stream(alsoWritten).allMatch(Files::isRegularFile)) {
            return false;
        }
        return Files.readString(stateFile, StandardCharsets.UTF_8).equals(state(fingerprint, zip));
    }

    void record(String fingerprint, Path zip) throws IOException {
        Files.createDirectories(stateFile.getParent());
        Files.writeString(stateFile, state(fingerprint, zip), StandardCharsets.UTF_8);
    }

    void forget() throws IOException {
        Files.deleteIfExists(stateFile);
    }

    private static String state(String fingerprint, Path zip) throws IOException {
        return fingerprint + "\n" + Files.size(zip) + " " + Files.getLastModifiedTime(zip).toMillis() + "\n";
    }
}
