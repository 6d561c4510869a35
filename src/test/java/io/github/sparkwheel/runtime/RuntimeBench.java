package io.github.sparkwheel.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The benchmarks' Python runtime (not a test): CPython 3.11.3 from Maven Central ({@code org.bytedeco:cpython:
 * 3.11.3-1.5.9}, the build machine's minor version, so that wheels built here fit it), unpacked by the plugin's
 * own {@link RuntimeCache}.
 *
 * <pre>
 * RuntimeBench python CACHE      prints the build-side runtime's bin/python3 (pip runs on it)
 * RuntimeBench node CACHE        prints the nodes' copy's bin/python3 (the trimmed layer, unpacked)
 * RuntimeBench timings DIR [N]   the build side's first use (unpack) and warm use, over N fresh caches
 * </pre>
 */
public final class RuntimeBench {

    static final String PY311 = "org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64";

    private RuntimeBench() {}

    public static void main(String[] args) throws Exception {
        RuntimeCoordinates coordinates = RuntimeCoordinates.parse(PY311);
        Path archive = TestRuntimes.resolve(PY311);
        Path dir = Paths.get(args[1]).toAbsolutePath();
        switch (args[0]) {
            case "python":
                System.out.println(new RuntimeCache(dir).install(coordinates, archive).python());
                break;
            case "node":
                RuntimeCache cache = new RuntimeCache(dir);
                System.out.println(cache.forNodes(cache.install(coordinates, archive), archive).unpacked().python());
                break;
            default:
                int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
                List<Long> install = new ArrayList<>();
                List<Long> node = new ArrayList<>();
                List<Long> warm = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    Files.createDirectories(dir);
                    RuntimeCache fresh = new RuntimeCache(Files.createTempDirectory(dir, "round"));
                    long start = System.nanoTime();
                    PythonRuntime runtime = fresh.install(coordinates, archive);
                    install.add(System.nanoTime() - start);
                    start = System.nanoTime();
                    NodeRuntime forNodes = fresh.forNodes(runtime, archive);
                    node.add(System.nanoTime() - start);
                    start = System.nanoTime();
                    fresh.install(coordinates, archive); // what every later build pays: hashing the archive, a marker read
                    fresh.forNodes(runtime, archive);
                    warm.add(System.nanoTime() - start);
                    System.out.printf("round %d: unpack %.2f s, node layer %.2f s (%d KB), warm %.3f s%n", round + 1,
                            install.get(round) / 1e9, node.get(round) / 1e9, Files.size(forNodes.layer()) / 1024,
                            warm.get(round) / 1e9);
                    io.github.sparkwheel.SharedCache.deleteRecursively(runtime.home().getParent());
                }
                System.out.printf("%s (%d KB jar), medians: first use: unpack %.2f s + node layer %.2f s; warm use %.3f s%n",
                        PY311, Files.size(archive) / 1024, median(install) / 1e9, median(node) / 1e9, median(warm) / 1e9);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
