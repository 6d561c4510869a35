package io.github.sparkwheel.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.it.MavenRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed files' URLs, read from a repository laid out as {@code mvn deploy} lays it out (the files and
 * maven-metadata.xml of maven-deploy-plugin 3.1.4, written by the submit-livy IT's real deploy).
 */
class RepositoryFilesTest {

    @TempDir
    Path dir;
    private MavenRepository repository;
    private Path version;

    @BeforeEach
    void start() throws Exception {
        repository = new MavenRepository(dir.resolve("repository"));
        version = Files.createDirectories(dir.resolve("repository/com/acme/job/1.0-SNAPSHOT"));
        Files.writeString(version.resolve("maven-metadata.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<metadata modelVersion=\"1.1.0\">\n  <groupId>com.acme</groupId>\n  <artifactId>job</artifactId>\n"
                + "  <version>1.0-SNAPSHOT</version>\n  <versioning>\n    <snapshot>\n"
                + "      <timestamp>20261204.123509</timestamp>\n      <buildNumber>2</buildNumber>\n    </snapshot>\n"
                + "    <lastUpdated>20261204123509</lastUpdated>\n    <snapshotVersions>\n"
                + "      <snapshotVersion>\n        <classifier>wheelhouse</classifier>\n        <extension>zip</extension>\n"
                + "        <value>1.0-20261204.123509-2</value>\n        <updated>20261204123509</updated>\n"
                + "      </snapshotVersion>\n"
                + "      <snapshotVersion>\n        <classifier>runner</classifier>\n        <extension>py</extension>\n"
                + "        <value>1.0-20261204.123509-2</value>\n        <updated>20261204123509</updated>\n"
                + "      </snapshotVersion>\n"
                + "      <snapshotVersion>\n        <extension>pom</extension>\n"
                + "        <value>1.0-20261204.123509-2</value>\n        <updated>20261204123509</updated>\n"
                + "      </snapshotVersion>\n    </snapshotVersions>\n  </versioning>\n</metadata>\n");
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    private RepositoryFiles files(String version) {
        return new RepositoryFiles(repository.url() + "/", "com.acme", "job", version, Duration.ofSeconds(5));
    }

    @Test
    void aSnapshot_isTheFileItsMetadataNamesLast() throws Exception {
        RepositoryFiles files = files("1.0-SNAPSHOT");
        assertThat(files.url("wheelhouse", "zip"))
                .isEqualTo(repository.url() + "/com/acme/job/1.0-SNAPSHOT/job-1.0-20261204.123509-2-wheelhouse.zip");
        assertThat(files.url("runner", "py"))
                .isEqualTo(repository.url() + "/com/acme/job/1.0-SNAPSHOT/job-1.0-20261204.123509-2-runner.py");
        assertThat(repository.requests()).as("the metadata is read once").containsExactly(
                "GET /repository/com/acme/job/1.0-SNAPSHOT/maven-metadata.xml 200");
        assertThatThrownBy(() -> files.url("linux-wheelhouse", "zip")).isInstanceOf(UserError.class)
                .hasMessageEndingWith("maven-metadata.xml names no linux-wheelhouse zip of job 1.0-SNAPSHOT: was it "
                        + "deployed by this plugin's version (the runner is attached beside the wheelhouse)? Run mvn deploy again");
    }

    @Test
    void aRelease_isItsPlainFile_andNoSnapshotIsDeployedBeforeDeploy() throws Exception {
        assertThat(files("1.0").url("wheelhouse", "zip"))
                .isEqualTo(repository.url() + "/com/acme/job/1.0/job-1.0-wheelhouse.zip");
        assertThat(repository.requests()).isEmpty();
        assertThatThrownBy(() -> files("2.0-SNAPSHOT").url("wheelhouse", "zip")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("The job 2.0-SNAPSHOT is not in the Maven repository (")
                .hasMessageContaining("run mvn deploy first (mvn deploy pyspark:submit)");
    }

    @Test
    void theDeployedWheelhouse_mustBeTheOneBuiltHere() throws Exception {
        Path local = Files.writeString(dir.resolve("job-1.0-SNAPSHOT-wheelhouse.zip"), "built here");
        String url = files("1.0-SNAPSHOT").url("wheelhouse", "zip");
        Path deployed = version.resolve("job-1.0-20261204.123509-2-wheelhouse.zip");
        Files.writeString(deployed, "built here");
        Files.writeString(version.resolve(deployed.getFileName() + ".sha1"), Digests.sha1(local));
        files("1.0-SNAPSHOT").checkSame(url, local, "wheelhouse");

        Files.writeString(local, "built since the deploy");
        assertThatThrownBy(() -> files("1.0-SNAPSHOT").checkSame(url, local, "wheelhouse")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("The wheelhouse deployed at " + url + " is not the one built here (" + local
                        + "): run mvn deploy before submitting through the repository");

        Files.delete(version.resolve(deployed.getFileName() + ".sha1"));
        files("1.0-SNAPSHOT").checkSame(url, local, "wheelhouse"); // no checksum kept: nothing to compare
        Files.delete(deployed);
        assertThatThrownBy(() -> files("1.0-SNAPSHOT").checkSame(url, local, "wheelhouse"))
                .hasMessageStartingWith("The wheelhouse is not in the Maven repository (" + url + " answered 404)");
    }
}
