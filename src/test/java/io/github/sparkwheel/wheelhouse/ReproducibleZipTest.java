package io.github.sparkwheel.wheelhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkwheel.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleZipTest {

    private static final Instant STAMP = Instant.parse("2026-03-04T05:06:08Z");

    @TempDir
    Path dir;

    private ReproducibleZip sample(Path wheel) {
        return new ReproducibleZip(STAMP)
                .add("runner.py", "print(1)\n".getBytes(StandardCharsets.UTF_8), true)
                .add("wheels/b.whl", wheel, false, true)
                .add("a.json", "{}".getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void writeTo_sameEntriesInAnyOrderAndZone_giveTheSameBytes() throws Exception {
        Path wheel = Files.write(dir.resolve("b.whl"), new byte[] {1, 2, 3, 4});
        Path one = dir.resolve("one.zip");
        Path two = dir.resolve("two.zip");
        sample(wheel).writeTo(one);
        TimeZone zone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            new ReproducibleZip(STAMP)
                    .add("a.json", "{}".getBytes(StandardCharsets.UTF_8), false)
                    .add("wheels/b.whl", wheel, false, true)
                    .add("runner.py", "print(1)\n".getBytes(StandardCharsets.UTF_8), true)
                    .writeTo(two);
        } finally {
            TimeZone.setDefault(zone);
        }
        assertThat(Files.readAllBytes(one)).isEqualTo(Files.readAllBytes(two));
    }

    @Test
    void writeTo_givesTheZipTheModeOfAnyNewFileHere_notTheOwnerOnlyModeOfATemporaryFile() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file modes");
        Path wheel = Files.write(dir.resolve("b.whl"), new byte[] {1, 2, 3, 4});
        Path zip = dir.resolve("out.zip");
        sample(wheel).writeTo(zip);
        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain.txt")));
        assumeTrue(umasked.contains(PosixFilePermission.OTHERS_READ), "a umask that lets others read new files");
        assertThat(Files.getPosixFilePermissions(zip)).isEqualTo(umasked);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("b.whl", "out.zip",
                    "plain.txt"); // no temporary file left behind
        }
    }

    @Test
    void writeTo_entriesAreSortedTimedModedAndWheelsStored() throws Exception {
        Path wheel = Files.write(dir.resolve("b.whl"), new byte[] {1, 2, 3, 4});
        Path zip = dir.resolve("out.zip");
        sample(wheel).writeTo(zip);
        List<String> names = new ArrayList<>();
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(file.getEntriesInPhysicalOrder())) {
                names.add(e.getName());
                assertThat(e.getUnixMode()).as(e.getName()).isEqualTo(e.getName().equals("runner.py") ? 0100755 : 0100644);
                assertThat(e.getMethod()).as(e.getName()).isEqualTo(e.getName().endsWith(".whl") ? ZipArchiveEntry.STORED
                        : ZipArchiveEntry.DEFLATED);
                assertThat(e.getExtraFields()).as(e.getName()).isEmpty();
            }
        }
        assertThat(names).containsExactly("a.json", "runner.py", "wheels/b.whl");
        try (java.util.zip.ZipFile jdk = new java.util.zip.ZipFile(zip.toFile())) {
            jdk.stream().forEach(e -> assertThat(e.getTimeLocal()).isEqualTo(LocalDateTime.of(2026, 3, 4, 5, 6, 8)));
        }
    }

    @Test
    void writeTo_failure_leavesNoPartialZipAndKeepsTheOldOne() throws Exception {
        Path zip = dir.resolve("out.zip");
        Files.writeString(zip, "old");
        ReproducibleZip broken = new ReproducibleZip(STAMP).add("wheels/missing.whl", dir.resolve("missing.whl"), false, true);
        assertThatThrownBy(() -> broken.writeTo(zip)).isInstanceOf(java.io.IOException.class);
        assertThat(Files.readString(zip)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(zip);
        }
    }

    @Test
    void add_refusesUnsafeAndDuplicateNames() {
        ReproducibleZip zip = new ReproducibleZip(STAMP).add("a", new byte[0], false);
        assertThatThrownBy(() -> zip.add("a", new byte[0], false)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> zip.add("../evil", new byte[0], false)).hasMessageContaining("unsafe");
        assertThatThrownBy(() -> zip.add("/abs", new byte[0], false)).hasMessageContaining("unsafe");
    }

    @Test
    void buildTimestamp_parsesIsoAndEpochSeconds_andDefaults() throws Exception {
        assertThat(BuildTimestamp.parse("2026-03-04T05:06:08Z")).isEqualTo(STAMP);
        assertThat(BuildTimestamp.parse("2026-03-04T06:06:08+01:00")).isEqualTo(STAMP);
        assertThat(BuildTimestamp.parse(Long.toString(STAMP.getEpochSecond()))).isEqualTo(STAMP);
        assertThat(BuildTimestamp.parse(null)).isEqualTo(ReproducibleZip.DEFAULT_TIMESTAMP);
        assertThat(BuildTimestamp.parse("a")).isEqualTo(ReproducibleZip.DEFAULT_TIMESTAMP);
        assertThat(BuildTimestamp.parse("10")).isEqualTo(ReproducibleZip.DEFAULT_TIMESTAMP);
        assertThatThrownBy(() -> BuildTimestamp.parse("yesterday")).isInstanceOf(UserError.class)
                .hasMessageContaining("project.build.outputTimestamp 'yesterday'");
    }
}
