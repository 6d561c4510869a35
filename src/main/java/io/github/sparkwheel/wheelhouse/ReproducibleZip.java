package io.github.sparkwheel.wheelhouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a zip whose bytes depend only on its entries: names sorted, one fixed modification time,
 * normalised unix modes (0644, or 0755 for executables), no extra fields. Files that are already
 * compressed (wheels) are STORED. The zip is written to a temporary file and moved into place, so a
 * failure never leaves a partial archive.
 */
public final class ReproducibleZip {

    /** Used when no {@code project.build.outputTimestamp} is set: 1980-01-01T00:00:02Z, the zip epoch. */
    public static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-01-01T00:00:02Z");

    private static final int FILE_MODE = 0100644;
    private static final int EXECUTABLE_MODE = 0100755;

    private final TreeMap<String, Entry> entries = new TreeMap<>();
    private final Instant timestamp;

    public ReproducibleZip(Instant timestamp) {
        this.timestamp = timestamp == null ? DEFAULT_TIMESTAMP : timestamp;
    }

    public ReproducibleZip add(String name, Path file, boolean executable, boolean store) {
        return put(new Entry(name, file, null, executable, store));
    }

    public ReproducibleZip add(String name, byte[] content, boolean executable) {
        return put(new Entry(name, null, content, executable, false));
    }

    private ReproducibleZip put(Entry entry) {
        if (entry.name.startsWith("/") || entry.name.contains("..") || entry.name.contains("\\")) {
            throw new IllegalArgumentException("unsafe entry name " + entry.name);
        }
        if (entries.put(entry.name, entry) != null) {
            throw new IllegalArgumentException("duplicate entry " + entry.name);
        }
        return this;
    }

    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /**
     * Writes the archive to {@code target} through a temporary file in the same directory. The file is
     * created as any other build output is, so the umask sets its mode (0644 under the usual 022), not
     * {@link Files#createTempFile}'s owner-only 0600: a colleague or a service account can read a copy.
     */
    public void writeTo(Path target) throws IOException {
        Path directory = Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                zip.setUseZip64(Zip64Mode.AsNeeded);
                zip.setLevel(9);
                long dosTime = localDosTime(timestamp);
                for (Entry entry : entries.values()) {
                    write(zip, entry, dosTime);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Zip stores local "DOS" time; shifting by the zone offset makes every reader see the timestamp's
     * UTC wall-clock time whatever the build machine's time zone (as plexus-archiver does).
     */
    static long localDosTime(Instant instant) {
        long millis = instant.toEpochMilli();
        return millis - TimeZone.getDefault().getOffset(millis);
    }

    private static void write(ZipArchiveOutputStream zip, Entry entry, long time) throws IOException {
        ZipArchiveEntry ze = new ZipArchiveEntry(entry.name);
        ze.setTime(time);
        ze.setUnixMode(entry.executable ? EXECUTABLE_MODE : FILE_MODE);
        if (entry.store) {
            ze.setMethod(ZipArchiveEntry.STORED);
            long[] sizeAndCrc = sizeAndCrc(entry);
            ze.setSize(sizeAndCrc[0]);
            ze.setCrc(sizeAndCrc[1]);
        } else {
            ze.setMethod(ZipArchiveEntry.DEFLATED);
            // a known size keeps commons-compress from reserving a Zip64 extra field
            ze.setSize(entry.content != null ? entry.content.length : Files.size(entry.file));
        }
        zip.putArchiveEntry(ze);
        if (entry.content != null) {
            zip.write(entry.content);
        } else {
            try (InputStream in = Files.newInputStream(entry.file)) {
                in.transferTo(zip);
            }
        }
        zip.closeArchiveEntry();
    }

    private static long[] sizeAndCrc(Entry entry) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(entry.file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                size += n;
            }
        }
        return new long[] {size, crc.getValue()};
    }

    private static final class Entry {
        final String name;
        final Path file;
        final byte[] content;
        final boolean executable;
        final boolean store;

        Entry(String name, Path file, byte[] content, boolean executable, boolean store) {
            this.name = name;
            this.file = file;
            this.content = content;
            this.executable = executable;
            this.store = store;
        }
    }
}
