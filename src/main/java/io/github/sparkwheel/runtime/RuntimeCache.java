package io.github.sparkwheel.runtime;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.SharedCache;
import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where Python runtimes are unpacked on this machine, once per archive (by its sha256), shared by every
 * build of the user: {@code <root>/<id>/} holds the whole runtime (the build's pip runs on it), and
 * {@code <root>/<id>-node/} the layer the cluster's nodes get ({@link NodeRuntime}: trimmed of what a job
 * never needs) and that layer unpacked, for a driver or a verification on this machine.
 *
 * <p>Safe for the threads of a {@code mvn -T} build and for concurrent builds (see {@link SharedCache}).
 */
public final class RuntimeCache {

    private final SharedCache cache;

    /** @param root e.g. {@code ~/.m2/repository/.cache/pyspark-maven-plugin/python-runtimes} */
    public RuntimeCache(Path root) {
        this.cache = new SharedCache(root);
    }

    /**
     * The runtime of {@code archive}, unpacked and made runnable here (once: later calls find it).
     *
     * @param coordinates what the archive was resolved as, for messages and the marker
     */
    public PythonRuntime install(RuntimeCoordinates coordinates, Path archive) throws UserError, IOException {
        String sha256 = Digests.sha256(archive);
        String name = sha256.substring(0, 16);
        cache.once(name, tmp -> unpack(coordinates, sha256, archive, tmp));
        return PythonRuntime.read(cache.root().resolve(name));
    }

    /** Unpacks the archive's Python into {@code target}, made runnable, with its marker. */
    private static PythonRuntime unpack(RuntimeCoordinates coordinates, String sha256, Path archive, Path target)
            throws UserError, IOException {
        RuntimeArchive runtime = RuntimeArchive.of(archive, coordinates.toString());
        runtime.extractTo(target);
        normalize(target, runtime.majorMinor());
        Path python = target.resolve("bin/python3");
        String glibc = Elf.glibcFloor(target).map(Elf::format).orElse(null);
        String machine = Elf.machine(python.toRealPath()).orElseThrow(() -> new UserError(coordinates + ": its "
                + "bin/python3 is no ELF executable, so it is no CPython for Linux; perhaps you should fix "
                + "<pythonRuntime> or -Dpyspark.pythonRuntime"));
        PythonRuntime unpacked = new PythonRuntime(coordinates, sha256, target, runtime.majorMinor(), glibc, machine);
        Files.writeString(target.resolve(PythonRuntime.MARKER), unpacked.marker());
        return unpacked;
    }

    /**
     * The runtime as the nodes get it: its layer ({@code .tar.gz}) and that layer unpacked here. The layer is
     * written from the archive itself, not from the runtime a build has used (Python writes bytecode into
     * it), so that the same archive gives the same layer, byte for byte, on every machine.
     *
     * @param archive the archive {@code runtime} was installed from
     */
    public NodeRuntime forNodes(PythonRuntime runtime, Path archive) throws UserError, IOException {
        Path dir = cache.root().resolve(runtime.id() + "-node");
        Path layer = dir.resolve(runtime.coordinates().fileStem() + ".tar.gz");
        cache.once(dir.getFileName().toString(), tmp -> {
            Path tmpLayer = tmp.resolve(layer.getFileName());
            Path pristine = tmp.resolve("pristine");
            unpack(runtime.coordinates(), runtime.sha256(), archive, pristine);
            NodeRuntime.writeLayer(pristine, runtime.majorMinor(), tmpLayer);
            SharedCache.deleteRecursively(pristine);
            Files.writeString(tmp.resolve(NodeRuntime.SHA256), Digests.sha256(tmpLayer) + "\n");
            try (InputStream in = Files.newInputStream(tmpLayer)) {
                RuntimeArchive.extractTar(new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(
                        new java.io.BufferedInputStream(in)), "", tmp.resolve(NodeRuntime.TREE), tmpLayer.toString());
            }
        });
        return new NodeRuntime(layer, Files.readString(dir.resolve(NodeRuntime.SHA256)).trim(),
                runtime.at(dir.resolve(NodeRuntime.TREE)));
    }

    /**
     * Makes an unpacked runtime work where it is: org.bytedeco:cpython keeps libffi beside bin/, where its
     * lib-dynload modules (ctypes) do not look for it, so the libraries there are copied next to them.
     */
    private static void normalize(Path home, String majorMinor) throws IOException {
        Path dynload = home.resolve("lib/python" + majorMinor + "/lib-dynload");
        if (!Files.isDirectory(dynload)) {
            return;
        }
        try (DirectoryStream<Path> libraries = Files.newDirectoryStream(home, "libffi.so*")) {
            for (Path library : libraries) {
                Path copy = dynload.resolve(library.getFileName());
                if (!Files.exists(copy, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(library, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
