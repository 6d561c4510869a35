package io.github.sparkwheel.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.protocol.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What went wrong before YARN had an application is read from the lines of the program that said so, never from
 * SparkSubmit's exit status, which in client mode is whatever the driver's Python exited with (a real submission of
 * such a driver: the submit-yarn-client IT).
 */
class DirectTransportTest {

    private static SubmitRequest client() {
        SubmitRequest r = new SubmitRequest();
        r.deployMode = "client";
        r.localPython = "python3.404";
        return r;
    }

    @Test
    void aClientModeDriverWhoseBootstrapFailed_isTheBootstrapsFailure_notTheStagersWhoseStatusItMayShare() {
        List<String> lines = List.of("26/12/04 08:00:03 INFO SparkContext: Running Spark version 3.5.5",
                Protocol.Failure.BOOTSTRAP_FAILED.line("base interpreter 'python3.404' not found on edge1 (PATH=/usr/bin)"),
                "Exception in thread \"main\" org.apache.spark.SparkUserAppException: User application exited with "
                        + Protocol.Failure.STAGING_UNWRITABLE.status());
        UserError error = DirectTransport.failedBeforeYarn(client(), lines);
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).startsWith("The driver's Python could not start on this machine (client mode")
                .contains("with <python> python3.404 as its base interpreter")
                .endsWith("base interpreter 'python3.404' not found on edge1 (PATH=/usr/bin)")
                .doesNotContain("staged");
    }

    @Test
    void aJobThatExitsWithAHelpersStatus_isNotMistakenForThatHelper() {
        List<String> lines = List.of("Traceback (most recent call last):", "SystemExit: 77",
                "Exception in thread \"main\" org.apache.spark.SparkUserAppException: User application exited with 77");
        assertThat(DirectTransport.failedBeforeYarn(client(), lines)).isNull();
    }

    @Test
    void theStagersAndTheChecksOwnLines_sayWhatFailed() {
        UserError unwritable = DirectTransport.failedBeforeYarn(client(), List.of(
                Protocol.Failure.STAGING_UNWRITABLE.line("cannot write to the staging directory hdfs://nn/locked: denied")));
        assertThat(unwritable.getMessage()).startsWith("The layers cannot be staged: cannot write to the staging "
                + "directory hdfs://nn/locked: denied. Perhaps you should set <stagingDirectory>");
        UserError unreachable = DirectTransport.failedBeforeYarn(client(), List.of(
                Protocol.Failure.CLUSTER_UNREACHABLE.line("The ResourceManager at rm:8032 did not answer")));
        assertThat(unreachable.getMessage()).isEqualTo("The ResourceManager at rm:8032 did not answer");
    }
}
