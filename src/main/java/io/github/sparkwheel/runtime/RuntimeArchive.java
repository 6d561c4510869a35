package io.github.sparkwheel.runtime;

import io.github.sparkwheel.UserError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An archive that holds a relocatable CPython, and where in it: a zip or jar ({@code org.bytedeco:cpython},
 * prefix {@code org/bytedeco/cpython/<platform>/}) or a tar.gz (python-build-standalone's "install_only",
 * prefix {@code python/}); any archive whose tree has {@code bin/python3} beside {@code lib/python3.X/os.py}.
 * Extracts that tree with its modes and symbolic links, refusing entries that point outside it.
 */
public final class RuntimeArchive {

    /** What is looked for, for the error that says it was not found. */
    static final String LOOKED_FOR = "bin/python3 beside lib/python3.X/os.py, as in org.bytedeco:cpython jars "
            + "(org/bytedeco/cpython/<platform>/bin/python3) and python-build-standalone install_only archives "
            + "(python/bin/python3)";
    private static final Pattern STDLIB = Pattern.compile("^(.*)lib/python(3\\.\\d+)/os\\.py$");

    enum Format { ZIP, TAR_GZ }

    private final Path file;
    private final Format format;
    private final String prefix;
    private final String majorMinor;

    private RuntimeArchive(Path file, Format format, String prefix, String majorMinor) {
        this.file = file;
        this.format = format;
        this.prefix = prefix;
        this.majorMinor = majorMinor;
    }

    /**
     * @param what the coordinates, for messages
     */
    public static RuntimeArchive of(Path file, String what) throws UserError, IOException {
        Format format = format(file, what);
        List<String> names = format == Format.ZIP ? zipNames(file) : tarNames(file);
        Set<String> all = new TreeSet<>(names);
        String best = null;
        String version = null;
        for (String name : names) {
            Matcher m = STDLIB.matcher(name);
            if (m.matches() && all.contains(m.group(1) + "bin/python3") && (best == null || m.group(1).length() < best.length())) {
                best = m.group(1);
                version = m.group(2);
            }
        }
        if (best == null) {
            throw new UserError(what + " (" + file + ") holds no CPython: looked for " + LOOKED_FOR + ". Perhaps you "
                    + "should fix <pythonRuntime> or -Dpyspark.pythonRuntime");
        }
        return new RuntimeArchive(file, format, best, version);
    }

    /** The prefix of the Python tree inside the archive ({@code python/}, {@code org/bytedeco/cpython/linux-x86_64/}). */
    public String prefix() {
        return prefix;
    }

    /** {@code 3.11}, from its standard library's directory. */
    public String majorMinor() {
        return majorMinor;
    }

    /** Writes the Python tree (without the prefix) into {@code target}, which must not exist yet. */
    public void extractTo(Path target) throws IOException, UserError {
        Files.createDirectories(target);
        if (format == Format.ZIP) {
            extractZip(target);
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                extractTar(new GzipCompressorInputStream(new BufferedInputStream(in)), prefix, target, file.toString());
            }
        }
    }

    private static Format format(Path file, String what) throws IOException, UserError {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) == 4) {
                if (magic[0] == 'P' && magic[1] == 'K') {
                    return Format.ZIP;
                }
                if ((magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                    return Format.TAR_GZ;
                }
            }
        }
        throw new UserError(what + " (" + file + ") is neither a zip or jar nor a tar.gz, so it holds no CPython this "
                + "plugin can unpack: looked for " + LOOKED_FOR + ". Perhaps you should fix <pythonRuntime> or "
                + "-Dpyspark.pythonRuntime");
    }

    private static List<String> zipNames(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static List<String> tarNames(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                        new BufferedInputStream(in)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(strip(entry.getName()));
            }
        }
        return names;
    }

    private void extractZip(Path target) throws IOException, UserError {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                String name = entry.getName();
                if (!name.startsWith(prefix) || name.length() == prefix.length()) {
                    continue;
                }
                String relative = name.substring(prefix.length());
                Path out = inside(target, relative, file.toString());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (entry.isUnixSymlink()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        symlink(target, out, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                                file.toString());
                    }
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                int mode = entry.getUnixMode() & 0777;
                // jars carry no unix modes: executables and shared libraries get theirs
                setMode(out, mode != 0 ? mode : relative.startsWith("bin/") || relative.contains(".so") ? 0755 : 0644);
            }
        }
    }

    /**
     * Extracts the entries of a tar stream under {@code prefix} into {@code target}: files with their modes,
     * directories, symbolic and hard links that stay inside the tree.
     */
    static void extractTar(InputStream stream, String prefix, Path target, String what) throws IOException, UserError {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(stream)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = strip(entry.getName());
                if (!name.startsWith(prefix) || name.length() == prefix.length()) {
                    continue;
                }
                Path out = inside(target, name.substring(prefix.length()), what);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (entry.isSymbolicLink()) {
                    symlink(target, out, entry.getLinkName(), what);
                } else if (entry.isLink()) {
                    String linked = strip(entry.getLinkName());
                    if (!linked.startsWith(prefix)) {
                        throw new UserError(what + ": refusing the hard link " + name + " to " + linked
                                + ", which points outside the Python tree");
                    }
                    Files.copy(inside(target, linked.substring(prefix.length()), what), out,
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                } else if (entry.isFile()) {
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    setMode(out, entry.getMode() & 0777);
                }
            }
        }
    }

    private static String strip(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    private static Path inside(Path root, String relative, String what) throws UserError {
        Path out = root.resolve(relative).normalize();
        if (relative.startsWith("/") || !out.startsWith(root)) {
            throw new UserError(what + ": refusing the entry " + relative + ", which points outside the Python tree");
        }
        return out;
    }

    private static void symlink(Path root, Path link, String destination, String what) throws IOException, UserError {
        Path resolved = link.getParent().resolve(destination).normalize();
        if (destination.startsWith("/") || !resolved.startsWith(root)) {
            throw new UserError(what + ": refusing the link " + root.relativize(link) + " -> " + destination
                    + ", which points outside the Python tree");
        }
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, link.getFileSystem().getPath(destination));
    }

    static void setMode(Path file, int mode) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        try {
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // a file system without unix modes (Windows): nothing to set
        }
    }
}
