package io.github.sparkwheel.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts a child with {@link ProcessBuilder}, streams both outputs line by line, enforces the timeout
 * and kills the child and all its descendants on timeout, interruption or JVM shutdown (Ctrl-C).
 */
public final class DefaultProcessRunner implements ProcessRunner {

    static final int TAIL_LINES = 40;
    static final int MAX_STDOUT_LINES = 100_000;

    @Override
    public ProcessResult run(ProcessSpec spec, BuildLog log) throws ProcessException {
        SecretMasker masker = new SecretMasker(spec.secrets());
        ProcessBuilder pb = new ProcessBuilder(spec.command());
        if (spec.workingDirectory() != null) {
            pb.directory(spec.workingDirectory().toFile());
        }
        Map<String, String> env = pb.environment();
        for (String prefix : spec.removedVariablePrefixes()) {
            env.keySet().removeIf(name -> name.startsWith(prefix));
        }
        env.putAll(spec.environment());

        // the hook is in place before the child exists, and waits for a start in progress: a Ctrl-C at
        // any moment, even while ProcessBuilder.start() has not returned yet, finds the child
        ShutdownKiller killer = new ShutdownKiller();
        Runtime.getRuntime().addShutdownHook(killer);
        Process process;
        try {
            process = killer.start(pb::start, spec.command().get(0));
        } catch (IOException e) {
            removeHook(killer);
            throw new ProcessNotFoundException(spec.command().get(0), e);
        }
        try {
            closeQuietly(process);
            Output output = new Output(masker);
            Thread out = pump(process.getInputStream(), line -> output.stdout(line, spec.quiet() ? log::debug : log::info),
                    "stdout");
            Thread err = pump(process.getErrorStream(), line -> output.stderr(line, spec.quiet() ? log::debug : log::warn),
                    "stderr");
            boolean finished;
            if (spec.timeout() == null || spec.timeout().isZero() || spec.timeout().isNegative()) {
                process.waitFor();
                finished = true;
            } else {
                finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!finished) {
                destroyTree(process);
                join(out, err);
                throw new ProcessTimeoutException(spec.description(), spec.timeout());
            }
            join(out, err);
            return output.result(process.exitValue());
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new ProcessException("Interrupted while waiting for '" + spec.description() + "'; it was stopped", e);
        } finally {
            removeHook(killer);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills the child
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }

    private static void join(Thread... threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Kills the child and every descendant, first politely, then forcibly. It returns once the child is
     * reaped: a JVM that exits right after (the shutdown hook) leaves no zombie to a PID 1 that does not reap.
     */
    static void destroyTree(Process process) {
        List<ProcessHandle> descendants = new ArrayList<>();
        process.descendants().forEach(descendants::add);
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        for (ProcessHandle handle : descendants) {
            try {
                handle.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
        boolean interrupted = Thread.interrupted();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The shutdown hook: kills the child, once a start that is in progress has returned it. */
    static final class ShutdownKiller extends Thread {
        private final Object startLock = new Object();
        private Process child;
        private boolean shutDown;

        ShutdownKiller() {
            super("pyspark-process-killer");
        }

        /** Starting a child; {@code ProcessBuilder::start} outside tests. */
        interface Start {
            Process start() throws IOException;
        }

        Process start(Start start, String program) throws IOException, ProcessException {
            synchronized (startLock) {
                if (shutDown) {
                    throw new ProcessException("The JVM is shutting down; '" + program + "' was not started");
                }
                child = start.start();
                return child;
            }
        }

        @Override
        public void run() {
            Process started;
            synchronized (startLock) {
                shutDown = true;
                started = child;
            }
            if (started != null) {
                destroyTree(started);
            }
        }
    }

    private static Thread pump(InputStream in, Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the child was stopped (timeout, Ctrl-C) and its pipe closed under this reader: its output ends here
            }
        }, "pyspark-process-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Collects output from the two pump threads. */
    private static final class Output {
        private final SecretMasker masker;
        private final List<String> stdout = new ArrayList<>();
        private final Deque<String> tail = new ArrayDeque<>();

        Output(SecretMasker masker) {
            this.masker = masker;
        }

        synchronized void stdout(String line, Consumer<String> log) {
            String masked = masker.mask(line);
            if (stdout.size() < MAX_STDOUT_LINES) {
                stdout.add(line);
            }
            remember(masked);
            log.accept(masked);
        }

        synchronized void stderr(String line, Consumer<String> log) {
            String masked = masker.mask(line);
            remember(masked);
            log.accept(masked);
        }

        private void remember(String masked) {
            tail.addLast(masked);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }

        synchronized ProcessResult result(int exitCode) {
            return new ProcessResult(exitCode, stdout, new ArrayList<>(tail));
        }
    }
}
