package io.github.sparkwheel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSparkHomeTest {

    @TempDir
    Path dir;

    @Test
    void sparkSubmit_startsSparkSubmit_onTheClasspath_withTheModuleOptions() throws Exception {
        Path pyspark = Files.writeString(dir.resolve("pyspark.zip"), "zip");
        Path py4j = Files.writeString(dir.resolve("py4j-0.10.9.7-src.zip"), "zip");
        Path home = LocalSparkHome.write(dir.resolve("home"), "/jdk/bin/java", List.of("--add-opens=java.base/java.nio=ALL-UNNAMED"),
                List.of(dir.resolve("jars/spark-core_2.12-3.5.5.jar"), dir.resolve("it's udfs.jar")), List.of(pyspark, py4j));
        Path submit = home.resolve("bin/spark-submit");
        assertThat(Files.isExecutable(submit)).isTrue();
        String script = Files.readString(submit);
        assertThat(script).startsWith("#!/bin/sh\n").contains("exec '/jdk/bin/java' '-Xmx1g' "
                + "'--add-opens=java.base/java.nio=ALL-UNNAMED' '-cp' '" + dir.resolve("jars/spark-core_2.12-3.5.5.jar") + ":"
                + dir + "/it'\\''s udfs.jar' 'org.apache.spark.deploy.SparkSubmit' \"$@\"\n");
        assertThat(home.resolve("python/lib/pyspark.zip")).hasContent("zip");
        assertThat(home.resolve("python/lib/py4j-0.10.9.7-src.zip")).exists();
    }

    @Test
    void writtenAgain_copiesOnlyTheArchivesThatChanged_andKeepsNoOther() throws Exception {
        Path pyspark = Files.writeString(dir.resolve("pyspark.zip"), "zip");
        Path py4j = Files.writeString(dir.resolve("py4j-0.10.9.7-src.zip"), "zip");
        Path home = LocalSparkHome.write(dir.resolve("home"), "java", List.of(), List.of(), List.of(pyspark, py4j));
        Path copy = home.resolve("python/lib/pyspark.zip");
        FileTime written = Files.getLastModifiedTime(copy);
        Files.writeString(copy, "ZIP"); // same size, same time: taken for the same archive
        Files.setLastModifiedTime(copy, written);

        LocalSparkHome.write(home, "java", List.of(), List.of(), List.of(pyspark, py4j));
        assertThat(copy).hasContent("ZIP");

        Files.writeString(pyspark, "zip of another pyspark");
        Path py4jOther = Files.writeString(dir.resolve("py4j-0.10.9.9-src.zip"), "zip");
        LocalSparkHome.write(home, "java", List.of(), List.of(), List.of(pyspark, py4jOther));
        assertThat(copy).hasContent("zip of another pyspark");
        try (Stream<Path> lib = Files.list(home.resolve("python/lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pyspark.zip",
                    "py4j-0.10.9.9-src.zip");
        }
    }

    @Test
    void theScript_passesItsArgumentsOn_asTheShellReadsIt() throws Exception {
        Path home = LocalSparkHome.write(dir.resolve("home"), "/bin/echo", List.of(), List.of(dir.resolve("a b.jar")), List.of());
        Process p = new ProcessBuilder(home.resolve("bin/spark-submit").toString(), "--conf", "k=v w", "pyspark-shell")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo("-Xmx1g -cp " + dir.resolve("a b.jar") + " org.apache.spark.deploy.SparkSubmit --conf k=v w "
                + "pyspark-shell");
    }

    @Test
    void submitArgs_putSparksScratchUnderTheBuild_andShlexReadsThemBack() throws Exception {
        String args = LocalSparkHome.submitArgs(dir.resolve("my spark"), List.of(dir.resolve("udfs.jar")));
        assertThat(args).endsWith("'pyspark-shell'");
        // pyspark splits PYSPARK_SUBMIT_ARGS with shlex: read it back the same way
        Process p = new ProcessBuilder("python3", "-c", "import shlex, sys; print('\\n'.join(shlex.split(sys.argv[1])))", args)
                .start();
        List<String> split = new ArrayList<>(List.of(new String(p.getInputStream().readAllBytes()).split("\n")));
        assertThat(p.waitFor()).isZero();
        assertThat(split).containsExactly("--driver-class-path", dir.resolve("udfs.jar").toString(),
                "--conf", "spark.jars.ivy=" + dir.resolve("my spark/ivy"),
                "--conf", "spark.local.dir=" + dir.resolve("my spark/spark-local"),
                "--conf", "spark.sql.warehouse.dir=" + dir.resolve("my spark/spark-warehouse").toUri(),
                "pyspark-shell");
        assertThat(LocalSparkHome.submitArgs(dir, List.of())).doesNotContain("--driver-class-path");
    }
}
