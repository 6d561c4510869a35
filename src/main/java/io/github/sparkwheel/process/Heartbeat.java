package io.github.sparkwheel.process;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * No silent waits: while a long step runs, a line every so often says on what it waits, whenever the build's
 * log has had no information or warning for that long. Use {@link #watch} as the log the step writes to, so
 * that its own lines count, and close the heartbeat when the step ends.
 *
 * <pre>
 * try (Heartbeat beat = Heartbeat.every(Duration.ofSeconds(30), log, silent -> "still waiting for …")) {
 *     runner.run(spec, beat.watch(log));
 * }
 * </pre>
 */
public final class Heartbeat implements AutoCloseable {

    private final BuildLog log;
    private final Duration every;
    private final Function<Duration, String> status;
    private final ScheduledExecutorService timer;
    private final long started = System.nanoTime();
    private volatile long lastLine = System.nanoTime();

    private Heartbeat(Duration every, BuildLog log, Function<Duration, String> status) {
        this.log = log;
        this.every = every;
        this.status = status;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pyspark-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(1, every.toMillis() / 5);
        timer.scheduleWithFixedDelay(this::beat, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * @param status what to say after a silence of the given length (since the step began, it gets the whole
     *     time waited so far); {@code null} says nothing this time
     */
    public static Heartbeat every(Duration every, BuildLog log, Function<Duration, String> status) {
        return new Heartbeat(every, log, status);
    }

    /** The log to give the step: its information and warnings reset the silence. */
    public BuildLog watch(BuildLog target) {
        return new BuildLog() {
            @Override
            public void debug(String message) {
                target.debug(message);
            }

            @Override
            public void info(String message) {
                lastLine = System.nanoTime();
                target.info(message);
            }

            @Override
            public void warn(String message) {
                lastLine = System.nanoTime();
                target.warn(message);
            }
        };
    }

    /** How long the step has run. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void beat() {
        if (System.nanoTime() - lastLine < every.toNanos()) {
            return;
        }
        String text;
        try {
            text = status.apply(elapsed());
        } catch (RuntimeException e) {
            text = null;
        }
        lastLine = System.nanoTime();
        if (text != null) {
            log.info(text);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
