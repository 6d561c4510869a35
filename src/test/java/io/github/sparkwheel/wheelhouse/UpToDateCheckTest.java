package io.github.sparkwheel.wheelhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the up-to-date check knows the plugin by: another plugin must build the wheelhouse anew. */
class UpToDateCheckTest {

    @TempDir
    Path dir;

    @Test
    void aReleaseIsKnownByItsVersion() throws IOException {
        Path jar = Files.writeString(dir.resolve("pyspark-maven-plugin-1.0.0.jar"), "classes");

        assertThat(UpToDateCheck.plugin("1.0.0", jar)).containsExactly("plugin 1.0.0");
    }

    @Test
    void aSnapshotIsKnownByItsJar_soThatEachInstallOfItBuildsAnew() throws IOException {
        Path jar = Files.writeString(dir.resolve("pyspark-maven-plugin-1.1.0-SNAPSHOT.jar"), "classes");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));

        List<String> installed = UpToDateCheck.plugin("1.1.0-SNAPSHOT", jar);
        assertThat(installed).containsExactly("plugin 1.1.0-SNAPSHOT", "jar " + jar + " 7 1700000000000");
        assertThat(UpToDateCheck.plugin("1.1.0-SNAPSHOT", jar)).isEqualTo(installed);

        Files.writeString(jar, "classes"); // installed again: same bytes, written anew
        assertThat(UpToDateCheck.plugin("1.1.0-SNAPSHOT", jar)).isNotEqualTo(installed);
    }

    @Test
    void aSnapshotRunningFromClasses_isKnownByWhatItWritesIntoTheArchive() throws IOException {
        List<String> lines = UpToDateCheck.plugin("1.1.0-SNAPSHOT", dir);

        assertThat(lines).first().isEqualTo("plugin 1.1.0-SNAPSHOT");
        assertThat(lines).anyMatch(l -> l.startsWith("resource bootstrap/python "))
                .anyMatch(l -> l.startsWith("resource bootstrap/bootstrap.py "))
                .anyMatch(l -> l.matches("resource runner [0-9a-f]{64}"));
    }

    @Test
    void theCodeSourceOfTheseTestsIsTheClassesDirectory() {
        assertThat(UpToDateCheck.codeSource()).isDirectory();
    }
}
