package io.github.sparkwheel.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.process.RecordingLog;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * When a submission is sent a second time: only after Spark's own start failed in a race that ran no job (what
 * DirectTransport reports from the driver's lines, SubmissionFollowerTest), and only once. The transport here hands
 * back outcomes in turn; real submissions run in the ITs.
 */
class SparkSubmitterTest {

    private final RecordingLog log = new RecordingLog();

    private List<String> warnings() {
        return log.lines.stream().filter(l -> l.startsWith("WARN ")).map(l -> l.substring(5)).collect(Collectors.toList());
    }

    /** Answers each send with the next outcome, counting the sends. */
    private static final class Outcomes implements Transport {
        final Deque<Outcome> next;
        int sent;

        Outcomes(Outcome... outcomes) {
            next = new ArrayDeque<>(List.of(outcomes));
        }

        @Override
        public Function<Path, String> prepare(SubmitRequest request, StagedSubmission staged, List<Path> files) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void describe(Submission submission) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Outcome send(Submission submission) {
            sent++;
            return next.removeFirst();
        }
    }

    private static Outcome raced(String app) {
        return new Outcome(app, "UNDEFINED", List.of(), false, null, "spark-submit exited with code 1", "…", null,
                DirectTransport.uiStartRace(app));
    }

    private static Outcome failed() {
        return new Outcome("application_1_0003", "FAILED", List.of(), false, null, "spark-submit exited with code 1", "…");
    }

    private static Outcome succeeded() {
        return new Outcome("application_1_0002", "SUCCEEDED", List.of(), true, null, "spark-submit exited with code 0", "");
    }

    @Test
    void aStartThatRacedSparksUi_isSentAgainOnce_sayingWhy() throws Exception {
        Outcomes transport = new Outcomes(raced("application_1_0001"), succeeded());
        Outcome outcome = SparkSubmitter.send(transport, null, log);
        assertThat(transport.sent).isEqualTo(2);
        assertThat(outcome.succeeded).isTrue();
        assertThat(warnings()).singleElement().asString()
                .startsWith("The driver's SparkContext did not start: its web UI started its pages while YARN's "
                        + "ApplicationMaster added its proxy filter to them")
                .contains("YARN application application_1_0001 ran no job")
                .endsWith("Submitting it again, once; the job's Python runs again from its start.");

        Outcomes twice = new Outcomes(raced("application_1_0001"), raced("application_1_0002"), succeeded());
        Outcome second = SparkSubmitter.send(twice, null, log);
        assertThat(twice.sent).as("once, not until it passes").isEqualTo(2);
        assertThat(second.succeeded).isFalse();
        assertThat(second.applicationId).isEqualTo("application_1_0002");
    }

    @Test
    void anyOtherFailure_isNotSentAgain() throws Exception {
        Outcomes transport = new Outcomes(failed(), succeeded());
        assertThat(SparkSubmitter.send(transport, null, log).succeeded).isFalse();
        assertThat(transport.sent).isEqualTo(1);
        assertThat(log.lines).isEmpty();
    }
}
