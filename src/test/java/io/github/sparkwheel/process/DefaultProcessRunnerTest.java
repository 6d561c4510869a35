package io.github.sparkwheel.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultProcessRunnerTest {

    private final DefaultProcessRunner runner = new DefaultProcessRunner();
    private final RecordingLog log = new RecordingLog();

    @Test
    void run_streamsStdoutAsInfoAndStderrAsWarn() throws Exception {
        ProcessResult result = runner.run(ProcessSpec.builder(List.of("sh", "-c", "echo out; echo err >&2; exit 3"))
                .build(), log);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).containsExactly("out");
        assertThat(log.lines).contains("INFO out", "WARN err");
        assertThat(result.tail()).containsExactlyInAnyOrder("out", "err");
    }

    @Test
    void run_masksSecretsInLogAndTail() throws Exception {
        ProcessResult result = runner.run(ProcessSpec.builder(List.of("echo", "token=hunter22 https://u:pw@h/x"))
                .secrets(List.of("hunter22")).build(), log);
        assertThat(log.lines).containsExactly("INFO token=***** https://u:*****@h/x");
        assertThat(result.tail()).containsExactly("token=***** https://u:*****@h/x");
    }

    @Test
    void run_timeout_killsTheChildAndItsChildrenWithItsOwnMessage(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("grandchild-alive");
        // the grandchild would create the marker after 3 s if it survived the kill
        ProcessSpec spec = ProcessSpec.builder(List.of("sh", "-c", "(sleep 3; touch " + marker + ") & sleep 30"))
                .description("sleeper").timeout(Duration.ofMillis(500)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run(spec, log))
                .isInstanceOf(ProcessTimeoutException.class)
                .hasMessage("Timeout: 'sleeper' ran longer than 0 s and was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        Thread.sleep(3500);
        assertThat(marker).doesNotExist();
    }

    @Test
    void run_missingExecutable_throwsNotFound() {
        assertThatThrownBy(() -> runner.run(ProcessSpec.builder(List.of("no-such-binary-4711")).build(), log))
                .isInstanceOf(ProcessNotFoundException.class)
                .hasMessageContaining("no-such-binary-4711");
    }

    @Test
    void run_environment_removesPrefixedAndAddsConfigured(@TempDir Path dir) throws Exception {
        ProcessSpec spec = ProcessSpec.builder(List.of("sh", "-c", "env | sort"))
                .removeVariablesStartingWith("HOME")
                .env("PYSPARK_TEST_VAR", "set")
                .workingDirectory(dir)
                .quiet(true)
                .build();
        ProcessResult result = runner.run(spec, log);
        assertThat(result.stdout()).contains("PYSPARK_TEST_VAR=set").noneMatch(l -> l.startsWith("HOME="));
        assertThat(log.lines).allMatch(l -> l.startsWith("DEBUG "));
    }
}
