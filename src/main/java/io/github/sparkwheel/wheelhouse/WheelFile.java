package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.python.Requirement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A built wheel: its name and version from the file name (PEP 427), its sha256, and what it declares.
 */
public final class WheelFile {

    private static final Pattern FILE_NAME =
            Pattern.compile("^(?<name>[^-]+)-(?<version>[^-]+)(-(?<build>\\d[^-]*))?-(?<tags>[^-]+-[^-]+-[^-]+)\\.whl$");

    private final Path path;
    private final String distribution;
    private final String version;
    private final String tags;
    private final String sha256;

    private WheelFile(Path path, String distribution, String version, String tags, String sha256) {
        this.path = path;
        this.distribution = distribution;
        this.version = version;
        this.tags = tags;
        this.sha256 = sha256;
    }

    public static WheelFile of(Path path) throws IOException {
        Matcher m = FILE_NAME.matcher(path.getFileName().toString());
        if (!m.matches()) {
            throw new IOException("Not a wheel file name (PEP 427): " + path.getFileName());
        }
        return new WheelFile(path, m.group("name"), m.group("version"), m.group("tags"), Digests.sha256(path));
    }

    /** PEP 503 normalised name: {@code Foo_Bar} → {@code foo-bar}. */
    public static String canonicalName(String name) {
        return Requirement.canonicalName(name);
    }

    public Path path() {
        return path;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /** The distribution as written in the file name ({@code foo_bar}). */
    public String distribution() {
        return distribution;
    }

    public String name() {
        return canonicalName(distribution);
    }

    public String version() {
        return version;
    }

    /** {@code py3-none-any}, {@code cp311-cp311-linux_x86_64}, ... */
    public String tags() {
        return tags;
    }

    public boolean isPure() {
        return tags.endsWith("-none-any");
    }

    public String sha256() {
        return sha256;
    }

    /** Its {@code .dist-info/METADATA}, or {@code null} when it has none. */
    public String metadata() throws IOException {
        return readDistInfo("METADATA");
    }

    /** The names of the {@code console_scripts} entry points the wheel declares, as {@code name = target}. */
    public List<String[]> consoleScripts() throws IOException {
        List<String[]> scripts = new ArrayList<>();
        String text = readDistInfo("entry_points.txt");
        if (text == null) {
            return scripts;
        }
        boolean inSection = false;
        for (String raw : text.split("\\R")) {
            String line = raw.trim();
            if (line.startsWith("[")) {
                inSection = line.equals("[console_scripts]");
            } else if (inSection && line.contains("=") && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                scripts.add(new String[] {line.substring(0, eq).trim(), line.substring(eq + 1).trim()});
            }
        }
        return scripts;
    }

    /**
     * The PEP 427 file name of a wheel stored under another name (a Maven repository keeps
     * {@code textkit-1.2.0-SNAPSHOT.whl}), from its {@code .dist-info}: {@code METADATA}'s name and
     * version and {@code WHEEL}'s tags. pip reads a wheel's name, version and tags from its file name.
     */
    public static String fileNameFromMetadata(Path wheel) throws IOException {
        String metadata = readDistInfo(wheel, "METADATA");
        String wheelInfo = readDistInfo(wheel, "WHEEL");
        if (metadata == null || wheelInfo == null) {
            throw new IOException(wheel + " is not a wheel: it has no .dist-info/METADATA and WHEEL");
        }
        String name = header(metadata, "Name");
        String version = header(metadata, "Version");
        java.util.LinkedHashSet<String> pythons = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<String> abis = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<String> platforms = new java.util.LinkedHashSet<>();
        for (String line : wheelInfo.split("\\R")) {
            if (line.startsWith("Tag:")) {
                String[] tag = line.substring(4).trim().split("-");
                if (tag.length == 3) {
                    pythons.add(tag[0]);
                    abis.add(tag[1]);
                    platforms.add(tag[2]);
                }
            }
        }
        if (name == null || version == null || pythons.isEmpty()) {
            throw new IOException(wheel + " has no Name, Version or Tag in its .dist-info");
        }
        return name.replaceAll("[-_.]+", "_").toLowerCase(Locale.ROOT) + "-" + version.replace('-', '_') + "-"
                + String.join(".", pythons) + "-" + String.join(".", abis) + "-" + String.join(".", platforms) + ".whl";
    }

    private static String header(String text, String name) {
        for (String line : text.split("\\R")) {
            if (line.isEmpty()) {
                break; // the body starts
            }
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private String readDistInfo(String file) throws IOException {
        return readDistInfo(path, file);
    }

    private static String readDistInfo(Path path, String file) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(path).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(zip.getEntries())) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash > 0 && name.substring(0, slash).endsWith(".dist-info") && name.substring(slash + 1).equals(file)) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return null;
    }
}
