package io.github.sparkwheel.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.process.BuildLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionFollowerTest {

    private final List<String> lines = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override
        public void debug(String m) {
            lines.add("DEBUG " + m);
        }

        @Override
        public void info(String m) {
            lines.add("INFO " + m);
        }

        @Override
        public void warn(String m) {
            lines.add("WARN " + m);
        }
    };

    @Test
    void follow_logsIdStateChangesAndTrackingUrlOnce_andKeepsTheLastReportsDiagnostics() {
        SubmissionFollower f = new SubmissionFollower(log);
        f.warn("26/11/23 20:19:14 INFO Client: Submitted application application_1_0001");
        for (String state : new String[] {"ACCEPTED", "ACCEPTED", "RUNNING", "RUNNING", "FINISHED"}) {
            f.warn("26/11/23 20:19:15 INFO Client: Application report for application_1_0001 (state: " + state + ")");
            f.warn("26/11/23 20:19:15 INFO Client: ");
            f.warn("\t diagnostics: " + (state.equals("FINISHED") ? "User application exited with status 1" : "AM waiting"));
            f.warn("\t final status: " + (state.equals("FINISHED") ? "FAILED" : "UNDEFINED"));
            f.warn("\t tracking URL: http://rm:8088/proxy/application_1_0001/");
        }
        f.warn("26/11/23 20:19:16 ERROR Client: Application diagnostics message: User application exited with status 1");
        f.info("a line the driver printed");

        assertThat(f.applicationId()).isEqualTo("application_1_0001");
        assertThat(f.finalStatus()).isEqualTo("FAILED");
        assertThat(f.diagnostics()).containsExactly("User application exited with status 1");
        assertThat(lines).filteredOn(l -> l.startsWith("INFO ")).containsExactly(
                "INFO Submitted YARN application application_1_0001",
                "INFO YARN application application_1_0001 is ACCEPTED",
                "INFO Tracking URL: http://rm:8088/proxy/application_1_0001/",
                "INFO YARN application application_1_0001 is RUNNING",
                "INFO YARN application application_1_0001 is FINISHED",
                "INFO a line the driver printed");
        // Spark's routine INFO on stderr and its report's indented lines are debug, its ERROR a warning
        assertThat(lines).contains("DEBUG \t final status: UNDEFINED")
                .contains("WARN 26/11/23 20:19:16 ERROR Client: Application diagnostics message: User application exited with status 1")
                .noneMatch(l -> l.startsWith("WARN ") && l.contains(" INFO "));
    }

    @Test
    void follow_recordsWhatSparkUploadedToTheApplicationsStagingDirectory_andTheStagersLinesAreInformation() {
        SubmissionFollower f = new SubmissionFollower(log);
        f.info("pyspark-staging: job layer job-abc.zip: already staged (modified 1795562664968)");
        f.warn("26/11/24 23:25:37 INFO Client: Source and destination file systems are the same. Not copying "
                + "hdfs://nn:8020/user/ana/.pyspark-maven-plugin/layers/job-abc.zip");
        f.warn("26/11/24 23:25:37 INFO Client: Uploading resource file:/p q/target/pyspark-submit/runner.py -> "
                + "hdfs://nn:8020/user/ana/.sparkStaging/application_1_0001/runner.py");
        f.warn("26/11/24 23:25:37 INFO Client: Uploading resource file:/tmp/spark-1/__spark_conf__123.zip -> "
                + "hdfs://nn:8020/user/ana/.sparkStaging/application_1_0001/__spark_conf__.zip");
        assertThat(f.uploads()).containsExactly("runner.py", "__spark_conf__.zip");
        assertThat(lines).contains("INFO pyspark-staging: job layer job-abc.zip: already staged (modified 1795562664968)");
    }

    @Test
    void aDriverWhoseUiStartRacedYarnsProxyFilter_isKnownByItsOwnLines_andNothingElseIs() {
        // a client-mode driver on Spark 4.0.1 and a MiniYARNCluster, as its stderr reached the build (CI, 2026-12-04)
        List<String> race = List.of("26/12/04 20:35:15 ERROR SparkContext: Error initializing SparkContext.",
                "java.util.ConcurrentModificationException",
                "\tat java.base/java.util.ArrayList$ArrayListSpliterator.forEachRemaining(ArrayList.java:1631)",
                "\tat org.sparkproject.jetty.servlet.ServletHandler.initialize(ServletHandler.java:749)",
                "\tat org.apache.spark.ui.ServerInfo.addHandler(JettyUtils.scala:517)",
                "\tat org.apache.spark.ui.SparkUI.$anonfun$attachAllHandlers$2(SparkUI.scala:81)",
                "\tat org.apache.spark.ui.SparkUI.attachAllHandlers(SparkUI.scala:79)",
                "\tat org.apache.spark.SparkContext.<init>(SparkContext.scala:692)");
        SubmissionFollower f = new SubmissionFollower(log);
        race.forEach(f::warn);
        assertThat(f.sparkUiStartRace()).isTrue();

        // the same exception elsewhere, or a SparkContext that failed for another reason, is not that race
        SubmissionFollower other = new SubmissionFollower(log);
        other.warn("26/12/04 20:35:15 ERROR SparkContext: Error initializing SparkContext.");
        other.warn("java.util.ConcurrentModificationException");
        other.warn("\tat org.apache.spark.scheduler.DAGScheduler.submitJob(DAGScheduler.scala:900)");
        assertThat(other.sparkUiStartRace()).isFalse();
        SubmissionFollower job = new SubmissionFollower(log);
        job.info("Traceback (most recent call last):");
        job.info("RuntimeError: java.util.ConcurrentModificationException in my UDF, not in SparkUI.attachAllHandlers");
        assertThat(job.sparkUiStartRace()).isFalse();
    }
}
