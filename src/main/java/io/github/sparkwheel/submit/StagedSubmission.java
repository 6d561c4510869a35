package io.github.sparkwheel.submit;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.hadoop.HadoopConf;
import io.github.sparkwheel.protocol.LayerKind;
import io.github.sparkwheel.protocol.StagingPlan;
import io.github.sparkwheel.spark.PysparkArchives;
import io.github.sparkwheel.staging.Layer;
import io.github.sparkwheel.staging.SparkRuntimeLayer;
import io.github.sparkwheel.staging.WheelhouseLayers;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A submission's layers, staged on the cluster's file system ({@code LayerStager}) and handed to Spark
 * as they are there: the dependency and job layers as {@code --archives}, the Spark runtime as
 * {@code spark.yarn.archive}, pyspark's zips in {@code PYSPARK_ARCHIVES_PATH}, the module's jars as
 * {@code --jars}. Spark does not copy a
 * resource that is already on its staging file system, so an unchanged layer costs nothing.
 */
public final class StagedSubmission {

    private static final DateTimeFormatter RECORD_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StagingPlan plan;
    private final Path planFile;
    private final WheelhouseLayers wheelhouse;
    private final Layer sparkRuntime;
    private final Layer pythonRuntime;
    private final Map<String, Layer> pyspark;
    private final Map<Path, Layer> jars;
    private final Layer runner;
    /** The layers a stager run on its own put in the shared directory: private URI → shared URI. */
    private Map<String, String> placements = Map.of();

    private StagedSubmission(StagingPlan plan, Path planFile, WheelhouseLayers wheelhouse, Layer sparkRuntime,
            Layer pythonRuntime, Map<String, Layer> pyspark, Map<Path, Layer> jars, Layer runner) {
        this.plan = plan;
        this.planFile = planFile;
        this.wheelhouse = wheelhouse;
        this.sparkRuntime = sparkRuntime;
        this.pythonRuntime = pythonRuntime;
        this.pyspark = pyspark;
        this.jars = jars;
        this.runner = runner;
    }

    /**
     * Builds the layers of {@code request} (each only once, see the layer classes) and writes the plan.
     *
     * Through Livy, whose host has its own Spark, neither Spark's runtime nor pyspark is staged, and the runner is:
     * nothing on this machine hands it to Spark.
     *
     * @param shippedJars the jars that go with {@code --jars}, staged as they are
     * @param runner the runner, staged for a submission through Livy; {@code null} otherwise
     */
    static StagedSubmission prepare(SubmitRequest request, List<Path> shippedJars, Path runner)
            throws IOException, UserError {
        Path layers = request.workDirectory.resolve("layers");
        List<Layer> all = new ArrayList<>();
        Layer runtime = null;
        if (request.sparkHome == null && !request.userSetsSparkJars() && request.livy == null) {
            runtime = SparkRuntimeLayer.of(request.sparkJars, request.layerCache != null ? request.layerCache : layers);
            all.add(runtime);
        }
        Layer python = null;
        if (request.pythonRuntime != null) { // staged once per runtime, shared by every job and version
            python = Layer.ofFile(LayerKind.PYTHON_RUNTIME, request.pythonRuntime.layer(),
                    request.pythonRuntime.layerSha256());
            all.add(python);
        }
        WheelhouseLayers wheelhouse = WheelhouseLayers.of(request.wheelhouse, request.alias, layers);
        all.add(wheelhouse.dependencies());
        Map<String, Layer> pyspark = new LinkedHashMap<>();
        for (String archive : request.livy == null ? request.pysparkArchives : List.<String>of()) {
            if (!PysparkArchives.hasScheme(archive)) { // local: and remote ones are used where they are
                Layer layer = Layer.ofFile(LayerKind.PYSPARK, Paths.get(archive).toAbsolutePath());
                pyspark.put(archive, layer);
                all.add(layer);
            }
        }
        Map<Path, Layer> jars = new LinkedHashMap<>();
        for (Path jar : shippedJars) {
            Layer layer = Layer.ofFile(LayerKind.JAR, jar.toAbsolutePath());
            jars.put(jar, layer);
            all.add(layer);
        }
        all.add(wheelhouse.job());
        Layer runnerLayer = runner == null ? null : Layer.ofFile(LayerKind.RUNNER, runner.toAbsolutePath());
        if (runnerLayer != null) {
            all.add(runnerLayer);
        }
        String configured = request.stagingDirectory != null && !request.stagingDirectory.isBlank()
                ? request.stagingDirectory.trim() : null;
        String directory = configured != null
                ? HadoopConf.qualify(configured, request.hadoopConfDir, request.clusterUser())
                : HadoopConf.defaultStagingDirectory(request.hadoopConfDir, request.clusterUser(), System.getProperty("user.home"));
        String record = RECORD_TIME.format(Instant.now()) + "-" + String.format("%08x", RANDOM.nextInt());
        String shared = request.sharedStagingDirectory == null ? null
                : HadoopConf.qualify(request.sharedStagingDirectory, request.hadoopConfDir, request.clusterUser());
        StagingPlan plan = StagingPlan.of(directory, shared, request.artifact, record, request.keepStagings,
                request.stagingGraceSeconds, request.dryRun, all.stream().map(Layer::entry).collect(Collectors.toList()))
                .trusting(request.trustedStagingOwners);
        if (configured == null && !directory.startsWith("file:")) {
            plan = plan.inHomeOf(request.clusterUser());
        }
        Path planFile = request.workDirectory.resolve("staging.plan");
        plan.write(planFile);
        return new StagedSubmission(plan, planFile, wheelhouse, runtime, python, pyspark, jars, runnerLayer);
    }

    public Path planFile() {
        return planFile;
    }

    /** Reads where the stager, run on its own, put the shared layers: Spark is then given those. */
    void readPlacements() throws IOException {
        placements = StagingPlan.readPlacements(StagingPlan.placementsFile(planFile));
    }

    private String uri(Layer layer) {
        String uri = plan.privateUri(layer.stagedName());
        return placements.getOrDefault(uri, uri);
    }

    String stagingDirectory() {
        return plan.stagingDirectory();
    }

    /** {@code --archives}: the dependency layer beside the job layer, as the bootstrap expects them. */
    List<String> archives(String alias) {
        return List.of(uri(wheelhouse.dependencies()) + "#" + alias + WheelhouseLayers.DEPENDENCY_SUFFIX,
                uri(wheelhouse.job()) + "#" + alias);
    }

    /** The Python runtime layer's staged URI, for {@code --archives}; {@code null} without one. */
    String pythonRuntime() {
        return pythonRuntime == null ? null : uri(pythonRuntime);
    }

    /** A shipped jar's staged URI, for {@code --jars}. */
    String jar(Path jar) {
        return uri(jars.get(jar));
    }

    /** The staged runner's URI, the application's primary resource through Livy; {@code null} when it is not staged. */
    String runner() {
        return runner == null ? null : uri(runner);
    }

    /** {@code spark.yarn.archive}, or {@code null} when there is no runtime layer. */
    String sparkArchive() {
        return sparkRuntime == null ? null : uri(sparkRuntime);
    }

    /** {@code PYSPARK_ARCHIVES_PATH}: the staged zips, and the user's URIs as they are. */
    String pysparkArchivesPath(List<String> archives) {
        List<String> uris = new ArrayList<>();
        for (String archive : archives) {
            Layer layer = pyspark.get(archive);
            uris.add(layer != null ? uri(layer) : archive);
        }
        return uris.isEmpty() ? PysparkArchives.NOT_SHIPPED : String.join(",", uris);
    }

    /** The file systems the layers are staged on ({@code scheme://authority}): the staging and shared directories'. */
    List<String> fileSystems() {
        List<String> fileSystems = new ArrayList<>();
        for (String directory : new String[] {plan.stagingDirectory(), plan.sharedDirectory()}) {
            if (directory != null) {
                java.net.URI uri = java.net.URI.create(directory);
                String fs = uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority());
                if (!fileSystems.contains(fs)) {
                    fileSystems.add(fs);
                }
            }
        }
        return fileSystems;
    }

    /** The YARN tag that ties the application to its staging record (the clean-up keeps running ones). */
    String tag() {
        return StagingPlan.TAG_PREFIX + plan.recordId();
    }
}
