package io.github.sparkwheel.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkHomeTest {

    @Test
    void find_configuredThenNonBlankSparkHome() {
        assertThat(SparkHome.find(Paths.get("/a"), Map.of("SPARK_HOME", "/b"))).isEqualTo(Paths.get("/a"));
        assertThat(SparkHome.find(null, Map.of("SPARK_HOME", "/b"))).isEqualTo(Paths.get("/b"));
        assertThat(SparkHome.find(null, Map.of("SPARK_HOME", " "))).isNull();
        assertThat(SparkHome.find(null, Map.of())).isNull();
    }

    @Test
    void version_fromTheReleaseFile_elseTheCoreJar(@TempDir Path home) throws Exception {
        assertThat(SparkHome.version(home)).isEmpty();
        Files.createDirectories(home.resolve("jars"));
        Files.writeString(home.resolve("jars/spark-core_2.13-4.0.1.jar"), "");
        assertThat(SparkHome.version(home)).contains("4.0.1");
        Files.writeString(home.resolve("RELEASE"), "Spark 4.0.2 built for Hadoop 3.4.1\nBuild flags: -Pyarn\n");
        assertThat(SparkHome.version(home)).contains("4.0.2");
    }

    @Test
    void pythonPath_pythonDirectoryAndPy4jZip(@TempDir Path home) throws Exception {
        assertThat(SparkHome.pythonPath(home)).isNull();
        Files.createDirectories(home.resolve("python/lib"));
        Files.writeString(home.resolve("python/lib/py4j-0.10.9.7-src.zip"), "");
        Files.writeString(home.resolve("python/lib/pyspark.zip"), "");
        assertThat(SparkHome.pythonPath(home))
                .isEqualTo(home.resolve("python") + ":" + home.resolve("python/lib/py4j-0.10.9.7-src.zip"));
    }
}
