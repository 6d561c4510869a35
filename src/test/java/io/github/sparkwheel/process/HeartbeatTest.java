package io.github.sparkwheel.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    /** A log that keeps its information lines. */
    private static final class Lines implements BuildLog {
        final List<String> info = new CopyOnWriteArrayList<>();

        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {
            info.add(message);
        }

        @Override
        public void warn(String message) {
            info.add(message);
        }
    }

    @Test
    void aSilentStepIsSpokenFor_aTalkativeOneIsNot() throws Exception {
        Lines log = new Lines();
        try (Heartbeat beat = Heartbeat.every(Duration.ofMillis(200), log, waited -> "still waiting")) {
            BuildLog step = beat.watch(log);
            for (int i = 0; i < 10; i++) { // talks every 50 ms: no heartbeat
                step.info("line " + i);
                Thread.sleep(50);
            }
            assertThat(log.info).noneMatch(l -> l.equals("still waiting"));
            step.debug("debug lines do not count");
            Thread.sleep(700); // silent: a heartbeat every 200 ms or so
            assertThat(log.info.stream().filter(l -> l.equals("still waiting")).count()).isBetween(2L, 4L);
        }
        int lines = log.info.size();
        Thread.sleep(400);
        assertThat(log.info).as("closed: no more").hasSize(lines);
    }
}
