package io.github.sparkwheel.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import org.junit.jupiter.api.Test;

class SparkVersionTest {

    @Test
    void of_readsMajorAndMinor_snapshotsToo() throws Exception {
        assertThat(SparkVersion.of("4.0.1").major()).isEqualTo(4);
        assertThat(SparkVersion.of(" 4.1.0-SNAPSHOT ").toString()).isEqualTo("4.1.0-SNAPSHOT");
        assertThat(SparkVersion.of("3.5").minimumPython()).containsExactly(3, 8);
        assertThatThrownBy(() -> SparkVersion.of("four")).isInstanceOf(UserError.class)
                .hasMessageContaining("'four' is not a Spark version").hasMessageContaining("-Dpyspark.sparkVersion");
    }

    @Test
    void checkPython_spark4NeedsPython39_spark35Runs38() throws Exception {
        SparkVersion spark4 = SparkVersion.of("4.0.1");
        spark4.checkPython("3.9", "job.zip");
        spark4.checkPython("3.13", "job.zip"); // 13 > 9, not "3.13" < "3.9"
        SparkVersion.of("3.5.5").checkPython("3.8", "job.zip");
        assertThatThrownBy(() -> spark4.checkPython("3.8", "job-1.0-wheelhouse.zip")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("Spark 4.0.1 needs Python 3.9 or newer on the driver and the executors, but "
                        + "job-1.0-wheelhouse.zip was built for Python 3.8")
                .hasMessageContaining("<python> (-Dpyspark.python) or <targetPython> (-Dpyspark.targetPython)");
    }

    @Test
    void checkJava_spark4NeedsJava17ToSubmit() throws Exception {
        SparkVersion.of("4.0.1").checkJava("17", "/jdk17");
        SparkVersion.of("3.5.5").checkJava("1.8", "/jdk8");
        assertThatThrownBy(() -> SparkVersion.of("4.2.0").checkJava("11", "/jdk11")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("Spark 4.2.0 needs Java 17 or newer to submit, but Maven runs on Java 11 (/jdk11)")
                .hasMessageContaining("JAVA_HOME");
    }
}
