package io.github.sparkwheel.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkClasspathTest {

    @TempDir
    Path dir;

    @Test
    void artifactId_readsMavensJarNames() {
        assertThat(SparkClasspath.artifactId(Paths.get("/r/spark-core_2.12-3.5.5.jar"))).hasValue("spark-core_2.12");
        assertThat(SparkClasspath.artifactId(Paths.get("commons-lang3-3.12.0.jar"))).hasValue("commons-lang3");
        assertThat(SparkClasspath.artifactId(Paths.get("json4s-ast_2.12-3.7.0-M11.jar"))).hasValue("json4s-ast_2.12");
        assertThat(SparkClasspath.artifactId(Paths.get("jetty-util-9.4.54.v20240208.jar"))).hasValue("jetty-util");
        assertThat(SparkClasspath.artifactId(Paths.get("log4j-1.2-api-2.20.0.jar"))).hasValue("log4j-1.2-api");
        assertThat(SparkClasspath.artifactId(Paths.get("py4j-0.10.9.7.jar"))).hasValue("py4j");
        assertThat(SparkClasspath.artifactId(Paths.get("udfs.jar"))).isEmpty();
    }

    @Test
    void split_aConnectorShipsWithItsOwnDependencies_notWithWhatSparkHasInAnyVersion() {
        SparkClasspath spark = SparkClasspath.of(List.of(Paths.get("/r/spark-core_2.12-3.5.5.jar"),
                Paths.get("/r/avro-1.11.2.jar"), Paths.get("/r/spark-tags_2.12-3.5.5.jar"), Paths.get("/r/xz-1.9.jar")));
        SparkClasspath.Split split = spark.split(List.of(Paths.get("/m2/spark-avro_2.12-3.5.5.jar"),
                Paths.get("/m2/avro-1.11.3.jar"), Paths.get("/m2/spark-tags_2.12-3.5.5.jar"),
                Paths.get("/m2/udfs-1.0.jar"), Paths.get("/m2/tukaani-extra-1.0.jar")));
        assertThat(split.ship).containsExactly(Paths.get("/m2/spark-avro_2.12-3.5.5.jar"), Paths.get("/m2/udfs-1.0.jar"),
                Paths.get("/m2/tukaani-extra-1.0.jar"));
        assertThat(split.alreadyOnSparkClasspath).containsExactly(Paths.get("/m2/avro-1.11.3.jar"),
                Paths.get("/m2/spark-tags_2.12-3.5.5.jar"));
    }

    @Test
    void ofSparkHome_readsItsJarsDirectory() throws Exception {
        Files.createDirectories(dir.resolve("jars"));
        Files.createFile(dir.resolve("jars/spark-sql_2.13-4.2.0.jar"));
        Files.createFile(dir.resolve("jars/README"));
        SparkClasspath spark = SparkClasspath.ofSparkHome(dir);
        assertThat(spark.sparksCopyOf(Paths.get("/m2/spark-sql_2.13-4.1.0.jar"))).hasValue(dir.resolve("jars/spark-sql_2.13-4.2.0.jar"));
        assertThat(spark.sparksCopyOf(Paths.get("/m2/spark-avro_2.13-4.2.0.jar"))).isEmpty();
        assertThat(SparkClasspath.ofSparkHome(dir.resolve("nowhere")).split(List.of(Paths.get("a-1.jar"))).ship).hasSize(1);
    }
}
