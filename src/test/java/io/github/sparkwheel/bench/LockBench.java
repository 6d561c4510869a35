package io.github.sparkwheel.bench;

import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.DefaultProcessRunner;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.wheelhouse.Locker;
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
import java.util.Set;

/**
 * P15 (not a test): the cold wheelhouse build of one job with 20+ dependencies from its pylock.toml against the same
 * build from its ranges, with the same index (a PEP 503 file index that holds several versions of most packages) and
 * the same find-links; each build with a fresh work directory and pip cache. Also times {@code pyspark:lock} itself.
 * Run by bench/lock.sh.
 */
public final class LockBench {

    private static final List<String> DEPENDENCIES = List.of("pandas", "requests", "pyyaml", "jinja2", "click",
            "attrs", "rich", "tenacity", "packaging", "tqdm", "pydantic");

    public static void main(String[] args) throws Exception {
        Path buildTools = Paths.get(args[0]).toAbsolutePath();
        String index = args[1];
        String python = args[2];
        int rounds = Integer.parseInt(args[3]);
        Path work = Files.createTempDirectory("lock-bench");
        Path src = work.resolve("job");
        Files.createDirectories(src.resolve("benchjob"));
        Files.writeString(src.resolve("benchjob/__init__.py"), "def main():\n    import pandas, requests\n");
        Files.writeString(src.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools>=61\"]\n"
                + "build-backend = \"setuptools.build_meta\"\n\n[project]\nname = \"benchjob\"\nversion = \"1.0\"\n"
                + "dependencies = [\"" + String.join("\", \"", DEPENDENCIES) + "\"]\n\n[project.scripts]\n"
                + "benchjob = \"benchjob:main\"\n");
        DefaultProcessRunner runner = new DefaultProcessRunner();

        long start = System.nanoTime();
        new Locker(runner, BuildLog.SILENT).lock(request(src, work.resolve("lock"), buildTools, index, python, true),
                src.resolve("pylock.toml"), src, Set.of());
        double lockSeconds = (System.nanoTime() - start) / 1e9;
        long packages = Files.readAllLines(src.resolve("pylock.toml")).stream().filter("[[packages]]"::equals).count();
        System.out.printf("pyspark:lock: %.2f s, %d packages locked for %d declared dependencies%n", lockSeconds,
                packages, DEPENDENCIES.size());

        List<Double> ranges = new ArrayList<>();
        List<Double> locked = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (boolean fromLock : round % 2 == 0 ? List.of(false, true) : List.of(true, false)) {
                WheelhouseRequest request = request(src, work.resolve((fromLock ? "locked-" : "ranges-") + round),
                        buildTools, index, python, !fromLock);
                start = System.nanoTime();
                new WheelhouseBuilder(runner, BuildLog.SILENT).build(request);
                (fromLock ? locked : ranges).add((System.nanoTime() - start) / 1e9);
            }
            System.out.printf("round %d: from the ranges %.2f s, from the lock %.2f s%n", round + 1,
                    ranges.get(round), locked.get(round));
        }
        double r = median(ranges);
        double l = median(locked);
        System.out.printf("P15, %d rounds, medians: from the ranges %.2f s, from the lock %.2f s: ratio %.3f (goal <= 0.9)%n",
                rounds, r, l, l / r);
        SourceTree.deleteRecursively(work);
    }

    private static WheelhouseRequest request(Path src, Path target, Path buildTools, String index, String python,
            boolean ignoreLock) {
        WheelhouseRequest request = new WheelhouseRequest();
        request.sourceDirectory = src;
        request.outputFile = target.resolve("job-wheelhouse.zip");
        request.workDirectory = target.resolve("work");
        request.python = python;
        request.timeout = Duration.ofMinutes(10);
        request.outputTimestamp = Instant.parse("2026-01-01T00:00:00Z");
        request.ignoreLock = ignoreLock;
        request.force = true;
        PipOptions pip = new PipOptions();
        pip.isolated = true;
        pip.indexUrl = index;
        pip.findLinks.add(buildTools.toString());
        pip.cacheDirectory = target.resolve("pip-cache"); // cold: nothing cached from another build
        request.pip = pip;
        return request;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
