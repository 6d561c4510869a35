package io.github.sparkwheel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A directory of entries written once and then only read, shared by every build of the user (the Python runtimes,
 * pyspark from the index). Safe for the threads of a {@code mvn -T} build and for concurrent builds: an entry is
 * written under an in-JVM lock and a file lock, into a temporary directory that is moved into place, and
 * {@code .ready} is written last; the remains of a writer that was killed are removed by the next one.
 */
public final class SharedCache {

    private static final String READY = ".ready";
    /** One JVM's threads: a file lock held by this JVM cannot serialise them (OverlappingFileLockException). */
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    public SharedCache(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /** Writes an entry's content into a temporary directory; {@code E}: what else it may throw. */
    public interface Writer<E extends Exception> {
        void writeTo(Path directory) throws UserError, IOException, E;
    }

    /**
     * The entry {@code name}, written by {@code writer} unless it is ready already.
     *
     * @return whether this call wrote it
     */
    public <E extends Exception> boolean once(String name, Writer<E> writer) throws UserError, IOException, E {
        Path dir = root.resolve(name);
        if (isReady(name)) {
            return false;
        }
        synchronized (JVM_LOCKS.computeIfAbsent(dir, d -> new Object())) {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(root.resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (isReady(name)) {
                    return false;
                }
                deleteRecursively(dir); // the remains of a writer that was stopped
                try (DirectoryStream<Path> stale = Files.newDirectoryStream(root, "." + name + ".*.tmp")) {
                    for (Path old : stale) { // the lock says no other writer is running
                        deleteRecursively(old);
                    }
                }
                Path tmp = root.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
                Files.createDirectories(tmp);
                try {
                    writer.writeTo(tmp);
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    deleteRecursively(tmp);
                }
                Files.writeString(dir.resolve(READY), "");
                return true;
            }
        }
    }

    public boolean isReady(String name) {
        return Files.isRegularFile(root.resolve(name).resolve(READY));
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
