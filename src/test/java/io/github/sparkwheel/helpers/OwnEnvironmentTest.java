package io.github.sparkwheel.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link OwnEnvironment} in a JVM of its own, as {@code SubmitLauncher} runs: with the module option, and without. */
class OwnEnvironmentTest {

    private static final String VARIABLE = "PYSPARK_ARCHIVES_PATH";

    /** Sets the variable in this JVM, then prints what set said and what getenv, as Spark's sys.env, says. */
    public static void main(String[] args) {
        System.out.println("set: " + OwnEnvironment.set(VARIABLE, args[0]));
        System.out.println("getenv: " + System.getenv(VARIABLE));
        System.out.println("in the map: " + System.getenv().get(VARIABLE));
    }

    private static List<String> runWith(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OwnEnvironmentTest.class.getName(),
                "hdfs://nn/shared/pyspark-1234.zip"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(VARIABLE, "hdfs://nn/user/ana/layers/pyspark-1234.zip");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return List.of(output.trim().split("\n"));
    }

    @Test
    void set_withJavaUtilOpen_changesGetenv() throws Exception {
        // Spark's own module options (JavaModuleOptions) open java.util, and the launcher's JVM has them
        assertThat(runWith("--add-opens=java.base/java.util=ALL-UNNAMED")).containsExactly("set: null",
                "getenv: hdfs://nn/shared/pyspark-1234.zip", "in the map: hdfs://nn/shared/pyspark-1234.zip");
    }

    @Test
    void set_withoutIt_saysWhy_andNothingChanges() throws Exception {
        List<String> lines = runWith();
        assertThat(lines.get(0)).startsWith("set: this JVM's environment cannot be changed (")
                .contains("InaccessibleObjectException");
        assertThat(lines.subList(1, 3)).containsExactly("getenv: hdfs://nn/user/ana/layers/pyspark-1234.zip",
                "in the map: hdfs://nn/user/ana/layers/pyspark-1234.zip");
    }
}
