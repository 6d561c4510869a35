package io.github.sparkwheel.spark;

import io.github.sparkwheel.SharedCache;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.wheelhouse.PipWheelRun;
import io.github.sparkwheel.wheelhouse.ReproducibleZip;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * pyspark's Python side from the job's own Python index, for a machine with neither a Spark home nor
 * {@code <pysparkArchives>}: {@code pip download pyspark==<sparkVersion>} (with the py4j it pins) once, then only
 * its Python package is kept, as the {@code pyspark.zip} and {@code py4j-<version>-src.zip} that a Spark
 * distribution ships in {@code python/lib}, cached by version beside the other caches. pyspark is published as a
 * ~300 MB sdist that also carries Spark's jars: those are never kept (the jars come from Maven).
 */
public final class PysparkFromIndex {

    public static final String PYSPARK_ZIP = "pyspark.zip";
    private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+-]*");
    private static final Pattern DISTRIBUTION = Pattern.compile("^(pyspark|py4j)-([0-9][^-]*?)(?:\\.tar\\.gz|-.+\\.whl)$");
    /** What a pyspark wheel or sdist has beside the Python package (Spark's jars, scripts, examples): never kept. */
    private static final Set<String> NOT_PYTHON = Set.of("jars", "bin", "sbin", "data", "examples", "licenses", "conf");

    private final ProcessRunner runner;
    private final BuildLog log;

    public PysparkFromIndex(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /**
     * pyspark and py4j archives for this Spark version, from the cache or fetched into it now.
     *
     * @param cacheRoot e.g. {@code ~/.m2/repository/.cache/pyspark-maven-plugin}
     * @param pip the interpreter, pip options and timeout to fetch with; its work directory is scratch space
     */
    public List<Path> archives(String sparkVersion, Path cacheRoot, WheelhouseRequest pip)
            throws UserError, ProcessException, IOException {
        if (!VERSION.matcher(sparkVersion).matches()) {
            throw new UserError("<sparkVersion> " + sparkVersion + " is no version: perhaps you should fix <sparkVersion> "
                    + "or -Dpyspark.sparkVersion");
        }
        SharedCache cache = new SharedCache(cacheRoot.resolve("pyspark"));
        if (cache.once(sparkVersion, dir -> fetch(sparkVersion, pip, dir))) {
            log.info("pyspark " + sparkVersion + "'s Python side is cached in " + cache.root().resolve(sparkVersion)
                    + " for every later build");
        }
        return cached(cache.root().resolve(sparkVersion));
    }

    private static List<Path> cached(Path dir) throws IOException {
        List<Path> archives = new ArrayList<>();
        archives.add(dir.resolve(PYSPARK_ZIP));
        try (DirectoryStream<Path> py4j = Files.newDirectoryStream(dir, "py4j-*-src.zip")) {
            py4j.forEach(archives::add);
        }
        return archives;
    }

    private void fetch(String version, WheelhouseRequest pip, Path into) throws UserError, ProcessException, IOException {
        Path downloads = pip.workDirectory.resolve("pyspark-download");
        SharedCache.deleteRecursively(downloads);
        Files.createDirectories(downloads);
        PipOptions options = pip.pip.copy();
        options.target = null;
        options.extraArgs.clear(); // <pipArgs> are for the job's pip wheel
        options.constraints.clear();
        log.info("No Spark home and no <pysparkArchives>: fetching pyspark " + version + "'s Python side from the Python "
                + "index once (pip download pyspark==" + version + "; its sdist also carries Spark's jars, about 300 MB, "
                + "which are not kept: Spark's jars come from Maven)");
        try {
            UserError failed = PipWheelRun.run(runner, log, pip, options, downloads, List.of(),
                    List.of("pyspark==" + version), pip.workDirectory, true);
            if (failed != null) {
                throw new UserError("pyspark " + version + " could not be fetched from the Python index: "
                        + failed.getMessage() + System.lineSeparator() + HOW_ELSE, failed);
            }
            Path pyspark = downloaded(downloads, "pyspark", version);
            Path py4j = downloaded(downloads, "py4j", null);
            Matcher py4jName = DISTRIBUTION.matcher(py4j.getFileName().toString());
            py4jName.matches();
            int kept = repack(pyspark, "pyspark", into.resolve(PYSPARK_ZIP));
            repack(py4j, "py4j", into.resolve("py4j-" + py4jName.group(2) + "-src.zip"));
            log.info("Kept pyspark " + version + "'s Python package (" + kept + " files) and py4j " + py4jName.group(2)
                    + "; dropped the rest of " + pyspark.getFileName() + " (" + Files.size(pyspark) / (1024 * 1024) + " MB)");
        } finally {
            SharedCache.deleteRecursively(downloads);
        }
    }

    static final String HOW_ELSE = "Give Spark's Python side another way: <pysparkArchives> (-Dpyspark.pysparkArchives: a "
            + "Spark distribution's python/lib/pyspark.zip and py4j-*-src.zip), a Spark home (<sparkHome>, "
            + "-Dpyspark.sparkHome or SPARK_HOME), or an index or <findLinks> that has pyspark==<sparkVersion>";

    private static Path downloaded(Path downloads, String project, String version) throws UserError, IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(downloads)) {
            for (Path file : files) {
                Matcher m = DISTRIBUTION.matcher(file.getFileName().toString());
                if (m.matches() && m.group(1).equals(project) && (version == null || m.group(2).equals(version))) {
                    return file;
                }
            }
        }
        throw new UserError("pip download pyspark" + (version == null ? "" : "==" + version) + " brought no " + project
                + (version == null ? "" : " " + version) + " distribution (an sdist or a wheel) into " + downloads + ". "
                + HOW_ELSE);
    }

    /**
     * Writes the package {@code pkg} of a wheel or an sdist into a zip for the PYTHONPATH, as Spark's
     * {@code python/lib} archives hold it: {@code pkg/**}, without what is not Python.
     *
     * @return how many files it holds
     */
    static int repack(Path distribution, String pkg, Path zip) throws UserError, IOException {
        boolean sdist = distribution.getFileName().toString().endsWith(".tar.gz");
        ReproducibleZip out = new ReproducibleZip(null);
        int count = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(distribution));
                ArchiveInputStream<?> in = sdist ? new TarArchiveInputStream(new GzipCompressorInputStream(file))
                        : new ZipArchiveInputStream(file)) {
            ArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                if (sdist) { // <name>-<version>/pyspark/…
                    int slash = name.indexOf('/');
                    name = slash < 0 ? "" : name.substring(slash + 1);
                }
                if (entry.isDirectory() || !name.startsWith(pkg + "/") || name.contains("..")) {
                    continue;
                }
                String first = name.substring(pkg.length() + 1).split("/", 2)[0];
                if (pkg.equals("pyspark") && NOT_PYTHON.contains(first) && name.indexOf('/', pkg.length() + 1) > 0) {
                    continue;
                }
                out.add(name, in.readAllBytes(), false);
                count++;
            }
        }
        if (count == 0) {
            throw new UserError(distribution.getFileName() + " holds no " + pkg + "/ package: is it " + pkg + "'s own "
                    + "distribution? " + HOW_ELSE);
        }
        out.writeTo(zip);
        return count;
    }
}
