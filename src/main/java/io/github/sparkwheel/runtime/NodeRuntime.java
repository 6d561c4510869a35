package io.github.sparkwheel.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * A Python runtime as the cluster's nodes get it: one reproducible {@code .tar.gz} (YARN unpacks it with
 * {@code tar}, which keeps its modes and symbolic links), trimmed of what a job never needs on a node (the
 * test suite, IDLE, Tk, headers and build files, ensurepip, the runtime's own site-packages: a job's
 * virtualenv does not see them), and that layer unpacked on this machine for a driver or a verification
 * that runs here as on a node.
 */
public final class NodeRuntime {

    static final String TREE = "tree";
    /** The layer's sha256, written beside it once, so that a submission need not hash 50 MB again. */
    static final String SHA256 = "layer.sha256";
    private static final String LIB = "lib/python";
    /** Every entry's time: the zip epoch, as the wheelhouse's entries default to. */
    private static final long ENTRY_TIME_MILLIS = 315532802000L;

    private final Path layer;
    private final String layerSha256;
    private final PythonRuntime runtime;

    NodeRuntime(Path layer, String layerSha256, PythonRuntime runtime) {
        this.layer = layer;
        this.layerSha256 = layerSha256;
        this.runtime = runtime;
    }

    /** The layer: {@code <artifactId>-<version>[-<classifier>].tar.gz}. */
    public Path layer() {
        return layer;
    }

    /** The layer's sha256. */
    public String layerSha256() {
        return layerSha256;
    }

    /** The layer unpacked on this machine: run its {@link PythonRuntime#python()} as a node would. */
    public PythonRuntime unpacked() {
        return runtime;
    }

    /**
     * Whether a runtime's file or directory goes to the nodes.
     *
     * @param relative its path in the runtime, with {@code /}; a directory's ends with {@code /}
     */
    static boolean forNodes(String relative, String majorMinor) {
        String lib = LIB + majorMinor + "/";
        for (String dropped : List.of("include/", "share/", "lib/pkgconfig/", "lib/cmake/", lib + "test/",
                lib + "idlelib/", lib + "turtledemo/", lib + "tkinter/", lib + "ensurepip/", lib + "lib2to3/tests/",
                lib + "site-packages/")) {
            if (relative.startsWith(dropped)) {
                return false;
            }
        }
        if (relative.startsWith(lib + "config-")) {
            return false; // the static library and Makefile that building extensions needs
        }
        if (relative.endsWith("/")) {
            return true;
        }
        if (relative.startsWith("bin/")) {
            return relative.matches("bin/python(3(\\.\\d+)?)?");
        }
        // org.bytedeco:cpython's JNI library and second launcher, beside bin/
        return !relative.equals("libjnipython.so") && !relative.matches("python3\\.\\d+");
    }

    /** Writes the trimmed runtime at {@code home} as a reproducible tar.gz: sorted, fixed times, owners and modes. */
    static void writeLayer(Path home, String majorMinor, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(home)) {
            files = walk.filter(p -> !p.equals(home)).sorted(java.util.Comparator.comparing(
                    p -> home.relativize(p).toString().replace('\\', '/'))).collect(Collectors.toList());
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(6);
        gzip.setModificationTime(0);
        gzip.setOperatingSystem(255);
        try (OutputStream out = Files.newOutputStream(tmp);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out, gzip))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path file : files) {
                String name = home.relativize(file).toString().replace('\\', '/');
                boolean directory = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
                if (!forNodes(directory ? name + "/" : name, majorMinor) && !(LIB + majorMinor + "/site-packages").equals(name)) {
                    continue;
                }
                TarArchiveEntry entry;
                if (Files.isSymbolicLink(file)) {
                    entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(file).toString());
                    entry.setMode(0120777);
                } else if (directory) {
                    entry = new TarArchiveEntry(name + "/");
                    entry.setMode(040755);
                } else {
                    entry = new TarArchiveEntry(name);
                    entry.setMode(Files.isExecutable(file) ? 0100755 : 0100644);
                    entry.setSize(Files.size(file));
                }
                entry.setModTime(ENTRY_TIME_MILLIS);
                entry.setUserId(0);
                entry.setGroupId(0);
                entry.setUserName("");
                entry.setGroupName("");
                tar.putArchiveEntry(entry);
                if (entry.isFile()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

}
