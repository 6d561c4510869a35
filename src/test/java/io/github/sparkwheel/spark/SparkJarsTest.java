package io.github.sparkwheel.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkJarsTest {

    @Test
    void moduleOptions_withoutSparkLauncherJar_areNone() {
        assertThat(SparkJars.moduleOptions(List.of(Paths.get("/x/spark-core_2.12-3.5.5.jar")))).isEmpty();
    }

    @Test
    void moduleOptions_fromARealSparkLauncherJar_openTheJdkPackagesSparkNeeds() throws Exception {
        Path jar = Paths.get(org.apache.spark.launcher.JavaModuleOptions.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()); // spark-launcher_2.12-3.5.5.jar, a test dependency
        assertThat(jar.getFileName().toString()).startsWith("spark-launcher_");
        assertThat(SparkJars.moduleOptions(List.of(jar)))
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-XX:+IgnoreUnrecognizedVMOptions");
    }

    @Test
    void moduleOptions_fromSpark4sLauncherJar_comeFromItsArrayMethod() {
        Path jar = Paths.get(System.getProperty("spark4.launcher.jar")); // copied by the build
        assertThat(jar).exists();
        List<String> options = SparkJars.moduleOptions(List.of(jar));
        // Spark 4 adds the vector module and netty's flag, which 3.5 does not have
        assertThat(options).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-modules=jdk.incubator.vector", "-Dio.netty.tryReflectionSetAccessible=true");
        assertThat(options).allMatch(option -> !option.isBlank() && !option.contains(" "));
    }
}
