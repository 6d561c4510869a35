package io.github.sparkwheel.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (a JVM shutdown) does not leave the runner's child behind. */
class CtrlCTest {

    /** A JVM that runs a long child through DefaultProcessRunner; the test stops it as Ctrl-C would. */
    public static void main(String[] args) throws Exception {
        new DefaultProcessRunner().run(ProcessSpec.builder(List.of("sh", "-c", "echo $$ > " + args[0] + "; exec sleep 120"))
                .build(), BuildLog.SILENT);
    }

    @Test
    void shutdown_killsTheChild(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // the child writes its pid before ProcessBuilder.start() has returned in the JVM: the SIGTERM below
        // can land in that window, which the runner must survive (it did not, on a loaded machine)
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CtrlCTest.class.getName(),
                pidFile.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long childPid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        assertThat(child).as("the child runs").isPresent();

        jvm.destroy(); // SIGTERM, like Ctrl-C's SIGINT, runs the JVM's shutdown hooks
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        child.get().onExit().get(10, TimeUnit.SECONDS);
        assertThat(child.get().isAlive()).as("child %d after the JVM stopped", childPid).isFalse();
    }
}
