package io.github.sparkwheel.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The shutdown hook's side of Ctrl-C, without stopping a JVM (CtrlCTest does that). */
class ShutdownKillerTest {

    private static Process sleep() throws java.io.IOException {
        return new ProcessBuilder(List.of("sleep", "120")).start();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void run_killsAndReapsTheStartedChild() throws Exception {
        DefaultProcessRunner.ShutdownKiller killer = new DefaultProcessRunner.ShutdownKiller();
        Process child = killer.start(ShutdownKillerTest::sleep, "sleep");

        killer.run();

        // exitValue() answers only once the JVM has reaped the child: no zombie is left behind
        assertThat(child.isAlive()).isFalse();
        assertThat(child.exitValue()).as("killed by a signal").isNotZero();
    }

    @Test
    void start_afterTheHookRan_startsNothing() {
        DefaultProcessRunner.ShutdownKiller killer = new DefaultProcessRunner.ShutdownKiller();
        killer.run();

        assertThatThrownBy(() -> killer.start(ShutdownKillerTest::sleep, "sleep"))
                .isInstanceOf(ProcessException.class)
                .hasMessage("The JVM is shutting down; 'sleep' was not started");
    }

    @Test
    void run_duringAStart_waitsForItAndKillsTheChild() throws Exception {
        DefaultProcessRunner.ShutdownKiller killer = new DefaultProcessRunner.ShutdownKiller();
        CountDownLatch childStarted = new CountDownLatch(1);
        CountDownLatch letStartReturn = new CountDownLatch(1);
        AtomicReference<Process> child = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                killer.start(() -> {
                    child.set(sleep());
                    childStarted.countDown();
                    awaitQuietly(letStartReturn); // the child runs, start() has not returned yet
                    return child.get();
                }, "sleep");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        starter.start();
        assertThat(childStarted.await(10, TimeUnit.SECONDS)).isTrue();

        try {
            killer.start(); // Ctrl-C: the hook runs on its own thread
            killer.join(300);
            assertThat(killer.isAlive()).as("the hook waits for the start in progress").isTrue();
            letStartReturn.countDown();
            killer.join(TimeUnit.SECONDS.toMillis(10));
            starter.join(TimeUnit.SECONDS.toMillis(10));

            assertThat(killer.isAlive()).isFalse();
            assertThat(child.get().isAlive()).as("the child whose start was in progress").isFalse();
        } finally {
            letStartReturn.countDown();
            child.get().destroyForcibly();
        }
    }
}
