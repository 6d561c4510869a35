package io.github.sparkwheel.bench;

import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.DefaultProcessRunner;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.wheelhouse.SourceTree;
import io.github.sparkwheel.wheelhouse.WheelhouseBuilder;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmark of the wheelhouse goal (not a test): on a generated job with several local dependencies
 * and a C extension, and on a small one of 3 wheels (where the goal's own fixed cost shows; also on a
 * Python runtime when one is given), compares
 * <ul>
 *   <li>a cold build against raw {@code pip wheel} + zipping the wheels (goal ≤ 1.10), and</li>
 *   <li>a no-op rebuild against the cold build (goal ≤ 0.05).</li>
 * </ul>
 * pip runs isolated and offline, with setuptools and wheel from {@code args[0]}. Run by bench/wheelhouse.sh.
 */
public final class WheelhouseBench {

    private static final int LIBRARIES = 6;

    public static void main(String[] args) throws Exception {
        Path buildTools = Paths.get(args[0]).toAbsolutePath();
        String python = args.length > 1 ? args[1] : "python3";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String runtimePython = args.length > 3 ? args[3] : null;
        Path work = Files.createTempDirectory("wheelhouse-bench");
        measure("1 package + " + LIBRARIES + " local libraries + 1 C extension", BenchFixture.job(work.resolve("job"),
                LIBRARIES), work.resolve("large"), buildTools, python, false, rounds);
        // a small job, where the goal's own fixed cost shows: 3 wheels
        Path small = BenchFixture.job(work.resolve("small-job"), 2, false);
        measure("small: 1 package + 2 local libraries (3 wheels)", small, work.resolve("small"), buildTools, python, false,
                rounds);
        if (runtimePython != null) { // on a Python runtime (<pythonRuntime>): pip builds with --use-pep517
            measure("small, on the Python runtime " + runtimePython, small, work.resolve("small-runtime"), buildTools,
                    runtimePython, true, rounds);
        }
        SourceTree.deleteRecursively(work);
    }

    private static void measure(String job, Path src, Path work, Path buildTools, String python, boolean pep517,
            int rounds) throws Exception {
        DefaultProcessRunner runner = new DefaultProcessRunner();
        List<Long> raw = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        List<Long> noop = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Path out = work.resolve("raw-" + round);
            long start = System.nanoTime();
            List<String> pip = new ArrayList<>(List.of(python, "-m", "pip", "wheel", "--no-index", "--find-links",
                    buildTools.toString(), "--wheel-dir", out.resolve("wheels").toString(), "--progress-bar", "off"));
            if (pep517) {
                pip.add("--use-pep517");
            }
            pip.addAll(List.of("--requirement", src.resolve("requirements.txt").toString(), src.toString()));
            run(runner, pip, src);
            run(runner, List.of(python, "-c", "import sys, zipfile, pathlib\n"
                    + "with zipfile.ZipFile(sys.argv[1], 'w') as z:\n"
                    + "    [z.write(p, 'wheels/' + p.name) for p in sorted(pathlib.Path(sys.argv[2]).glob('*.whl'))]",
                    out.resolve("raw.zip").toString(), out.resolve("wheels").toString()), src);
            raw.add(System.nanoTime() - start);
            // pip leaves build/ and *.egg-info in the tree; the goal builds from a copy anyway
            cleanBuildOutput(src);

            WheelhouseRequest request = request(src, work.resolve("goal-" + round), buildTools, python);
            request.pip.usePep517 = pep517;
            TimingRunner timing = new TimingRunner(runner);
            start = System.nanoTime();
            new WheelhouseBuilder(timing, BuildLog.SILENT).build(request);
            cold.add(System.nanoTime() - start);
            System.out.printf("  the goal's processes: %s; the rest (copy, lock, zip, ...) %.3f s%n", timing.describe(),
                    (cold.get(round) - timing.serial()) / 1e9);
            for (int i = 0; i < 3; i++) {
                start = System.nanoTime();
                boolean upToDate = new WheelhouseBuilder(runner, BuildLog.SILENT).build(request).upToDate();
                noop.add(System.nanoTime() - start);
                if (!upToDate) {
                    throw new IllegalStateException("the no-op rebuild was not up to date");
                }
            }
            System.out.printf("round %d: raw %.2f s, cold goal %.2f s, no-op %.3f s%n", round + 1, secs(raw.get(round)),
                    secs(cold.get(round)), secs(noop.get(noop.size() - 1)));
        }
        double rawMedian = secs(median(raw));
        double coldMedian = secs(median(cold));
        double noopMedian = secs(median(noop));
        System.out.printf("job: %s, %d rounds, medians%n", job, rounds);
        System.out.printf("raw pip wheel + zip   %7.3f s%n", rawMedian);
        System.out.printf("cold wheelhouse goal  %7.3f s   ratio %.3f (goal <= 1.10), %+.2f s%n", coldMedian,
                coldMedian / rawMedian, coldMedian - rawMedian);
        System.out.printf("no-op rebuild         %7.3f s   ratio %.4f (goal <= 0.05)%n", noopMedian, noopMedian / coldMedian);
    }

    private static WheelhouseRequest request(Path src, Path target, Path buildTools, String python) {
        WheelhouseRequest request = new WheelhouseRequest();
        request.sourceDirectory = src;
        request.outputFile = target.resolve("job-wheelhouse.zip");
        request.workDirectory = target.resolve("work");
        request.python = python;
        request.timeout = Duration.ofMinutes(10);
        request.outputTimestamp = Instant.parse("2026-01-01T00:00:00Z");
        PipOptions pip = new PipOptions();
        pip.noIndex = true;
        pip.isolated = true;
        pip.findLinks.add(buildTools.toString());
        request.pip = pip;
        return request;
    }

    private static void run(DefaultProcessRunner runner, List<String> command, Path dir) throws Exception {
        ProcessSpec spec = ProcessSpec.builder(command).workingDirectory(dir).quiet(true)
                .removeVariablesStartingWith("PIP_").env("PIP_CONFIG_FILE", "/dev/null").build();
        ProcessResult result = runner.run(spec, BuildLog.SILENT);
        if (!result.succeeded()) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + result.tailText());
        }
    }

    private static void cleanBuildOutput(Path src) throws Exception {
        try (var files = Files.walk(src)) {
            List<Path> leftovers = new ArrayList<>();
            files.filter(p -> Files.isDirectory(p) && (p.getFileName().toString().equals("build")
                    || p.getFileName().toString().endsWith(".egg-info"))).forEach(leftovers::add);
            for (Path p : leftovers) {
                SourceTree.deleteRecursively(p);
            }
        }
    }

    /** Records how long each process of a build ran, by its description. */
    private static final class TimingRunner implements io.github.sparkwheel.process.ProcessRunner {
        private final io.github.sparkwheel.process.ProcessRunner delegate;
        private final java.util.Map<String, Long> nanos = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

        TimingRunner(io.github.sparkwheel.process.ProcessRunner delegate) {
            this.delegate = delegate;
        }

        @Override
        public ProcessResult run(ProcessSpec spec, BuildLog log) throws io.github.sparkwheel.process.ProcessException {
            long start = System.nanoTime();
            try {
                return delegate.run(spec, log);
            } finally {
                nanos.merge(spec.description(), System.nanoTime() - start, Long::sum);
            }
        }

        /** What ran one after the other on the build's critical path: all but the probe, which runs beside pip. */
        long serial() {
            return nanos.entrySet().stream().filter(e -> !e.getKey().equals("python probe")).mapToLong(e -> e.getValue()).sum();
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            nanos.forEach((what, n) -> text.append(text.length() == 0 ? "" : ", ").append(what).append(String.format(" %.3f s", n / 1e9)));
            return text.append(" (the probe beside pip)").toString();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
