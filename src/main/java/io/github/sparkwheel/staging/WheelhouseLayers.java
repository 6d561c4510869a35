package io.github.sparkwheel.staging;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.protocol.LayerKind;
import io.github.sparkwheel.runner.Bootstrap;
import io.github.sparkwheel.wheelhouse.Lock;
import io.github.sparkwheel.wheelhouse.Manifest;
import io.github.sparkwheel.wheelhouse.ReproducibleZip;
import io.github.sparkwheel.wheelhouse.SourceTree;
import io.github.sparkwheel.wheelhouse.WheelFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Splits a self-contained wheelhouse into the two layers the cluster gets, so that a change of the
 * job's code stages a few kilobytes and every node keeps its virtualenv:
 *
 * <ul>
 *   <li>the <b>dependency layer</b> ({@code <alias>-deps} in each container): every wheel but the job's
 *       own pure-Python ones, their part of the lock and manifest, and {@code bootstrap/env-id}, a digest
 *       of that lock, which keys the node's venv;</li>
 *   <li>the <b>job layer</b> ({@code <alias>}): the bootstrap, the runner, the full manifest and lock,
 *       {@code bootstrap/dependency-layer} naming the other layer, and the job's own wheels unpacked
 *       under {@code site/} (YARN unpacks the layer, the bootstrap puts {@code site/} on the PYTHONPATH).</li>
 * </ul>
 *
 * Both are reproducible zips (fixed times, sorted entries, wheels STORED): the same wheelhouse gives the same
 * layers, byte for byte, on any machine. The attached wheelhouse stays self-contained.
 */
public final class WheelhouseLayers {

    public static final String DEPENDENCY_SUFFIX = "-deps";
    public static final String SITE = "site";
    public static final String DEPENDENCY_LAYER_FILE = Bootstrap.DIRECTORY + "/dependency-layer";
    /** Changes when what a dependency layer holds, for the same dependencies, changes. */
    private static final String DEPENDENCY_LAYER_FORMAT = "dependency layer 1";

    private final Layer dependencies;
    private final Layer job;

    private WheelhouseLayers(Layer dependencies, Layer job) {
        this.dependencies = dependencies;
        this.job = job;
    }

    public Layer dependencies() {
        return dependencies;
    }

    public Layer job() {
        return job;
    }

    /**
     * The layers of {@code wheelhouse} in {@code directory}, written once per wheelhouse content (its
     * manifest's digest) and alias.
     */
    public static WheelhouseLayers of(Path wheelhouse, String alias, Path directory) throws IOException, UserError {
        JsonObject manifest = Manifest.read(wheelhouse);
        String key = manifest.get("digest").getAsString().replace("sha256:", "") + "-" + alias;
        Path index = directory.resolve("wheelhouse-" + Digests.sha256(key.getBytes(StandardCharsets.UTF_8))
                .substring(0, 16) + ".layers");
        if (Files.isRegularFile(index)) {
            List<String> names = Files.readAllLines(index, StandardCharsets.UTF_8);
            if (names.size() == 2 && Files.isRegularFile(directory.resolve(names.get(0)))
                    && Files.isRegularFile(directory.resolve(names.get(1)))) {
                return new WheelhouseLayers(Layer.existing(LayerKind.DEPENDENCIES, directory.resolve(names.get(0))),
                        Layer.existing(LayerKind.JOB, directory.resolve(names.get(1))));
            }
        }
        Files.createDirectories(directory);
        Path work = directory.resolve(".split-" + UUID.randomUUID());
        try (ZipFile zip = ZipFile.builder().setPath(wheelhouse).get()) {
            WheelhouseLayers layers = split(zip, manifest, alias, directory, work);
            Path tmp = directory.resolve(index.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(tmp, List.of(layers.dependencies.stagedName(), layers.job.stagedName()), StandardCharsets.UTF_8);
            Files.move(tmp, index, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return layers;
        } finally {
            SourceTree.deleteRecursively(work);
        }
    }

    /**
     * Reads what each layer needs straight from the wheelhouse: a change of the job's code only extracts the job's
     * own wheels, and finds the dependency layer it already wrote by a key of what that layer holds (the
     * dependencies' part of the lock and manifest), without unpacking or zipping the dependencies again.
     */
    private static WheelhouseLayers split(ZipFile zip, JsonObject manifest, String alias, Path directory, Path work)
            throws IOException, UserError {
        JsonElement project = manifest.get("project");
        String jobName = project == null || project.isJsonNull() ? null : WheelFile.canonicalName(project.getAsString());
        JsonArray dependencyWheels = new JsonArray();
        List<String> jobWheels = new ArrayList<>();
        Set<String> dependencyNames = new HashSet<>();
        for (JsonElement element : manifest.getAsJsonArray("wheels")) {
            JsonObject wheel = element.getAsJsonObject();
            String name = WheelFile.canonicalName(wheel.get("name").getAsString());
            boolean pure = wheel.get("tags").getAsString().endsWith("-none-any");
            if (name.equals(jobName) && pure) {
                jobWheels.add(wheel.get("file").getAsString());
            } else {
                dependencyWheels.add(wheel);
                dependencyNames.add(name);
            }
        }

        // the dependency layer: its wheels, their lock lines, a manifest listing them, their env id
        String lock = new String(entry(zip, Lock.FILE_NAME), StandardCharsets.UTF_8);
        String dependencyLock = lock.lines().filter(line -> line.startsWith("#")
                        || dependencyNames.contains(WheelFile.canonicalName(line.split("==", 2)[0])))
                .collect(Collectors.joining("\n", "", "\n"));
        // only what the bootstrap reads of it, so that the layer depends on the dependencies alone
        JsonObject dependencyManifest = new JsonObject();
        dependencyManifest.add("formatVersion", manifest.get("formatVersion"));
        dependencyManifest.addProperty("layer", "dependencies");
        dependencyManifest.add("python", manifest.get("python"));
        dependencyManifest.addProperty("lock", Lock.FILE_NAME);
        dependencyManifest.addProperty("wheelDirectory", Manifest.WHEEL_DIRECTORY);
        dependencyManifest.add("wheels", dependencyWheels);
        byte[] dependencyJson = json(dependencyManifest);
        String dependencyKey = Digests.sha256((DEPENDENCY_LAYER_FORMAT + "\n" + dependencyLock + new String(dependencyJson,
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path dependencyIndex = directory.resolve("dependencies-" + dependencyKey + ".layer");
        Layer dependencyLayer = null;
        if (Files.isRegularFile(dependencyIndex)) {
            Path existing = directory.resolve(Files.readString(dependencyIndex, StandardCharsets.UTF_8).trim());
            if (Files.isRegularFile(existing)) {
                dependencyLayer = Layer.existing(LayerKind.DEPENDENCIES, existing);
            }
        }
        if (dependencyLayer == null) {
            ReproducibleZip dependencies = new ReproducibleZip(ReproducibleZip.DEFAULT_TIMESTAMP);
            for (JsonElement wheel : dependencyWheels) {
                String file = wheel.getAsJsonObject().get("file").getAsString();
                dependencies.add(file, extract(zip, file, work), false, true);
            }
            dependencies.add(Lock.FILE_NAME, dependencyLock.getBytes(StandardCharsets.UTF_8), false);
            dependencies.add(Manifest.FILE_NAME, dependencyJson, false);
            dependencies.add(Bootstrap.ENV_ID, (Digests.sha256(dependencyLock.getBytes(StandardCharsets.UTF_8))
                    .substring(0, 32) + "\n").getBytes(StandardCharsets.US_ASCII), false);
            dependencyLayer = write(LayerKind.DEPENDENCIES, dependencies, directory);
            Path tmp = directory.resolve(dependencyIndex.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(tmp, dependencyLayer.stagedName() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dependencyIndex, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        // the job layer: everything else of the wheelhouse, the job's wheels unpacked under site/
        ReproducibleZip job = new ReproducibleZip(ReproducibleZip.DEFAULT_TIMESTAMP);
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            String name = entry.getName();
            if (entry.isDirectory() || name.startsWith(Manifest.WHEEL_DIRECTORY + "/") || name.equals(Bootstrap.ENV_ID)) {
                continue; // wheels go to a layer of their own or to site/; the venv's id is the dependencies'
            }
            try (InputStream in = zip.getInputStream(entry)) { // ReproducibleZip refuses names that leave the archive
                job.add(name, in.readAllBytes(), (entry.getUnixMode() & 0111) != 0);
            }
        }
        job.add(DEPENDENCY_LAYER_FILE, (alias + DEPENDENCY_SUFFIX + "\n").getBytes(StandardCharsets.UTF_8), false);
        for (String wheel : jobWheels) {
            unpackInto(job, extract(zip, wheel, work));
        }
        return new WheelhouseLayers(dependencyLayer, write(LayerKind.JOB, job, directory));
    }

    private static byte[] entry(ZipFile zip, String name) throws IOException, UserError {
        ZipArchiveEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new UserError("the wheelhouse has no " + name + "; is it a wheelhouse built by this plugin?");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    /** One entry of the wheelhouse (a wheel) as a file under {@code work}. */
    private static Path extract(ZipFile zip, String name, Path work) throws IOException, UserError {
        ZipArchiveEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new UserError("the wheelhouse's manifest names " + name + ", which it does not hold; rebuild it");
        }
        Path out = work.resolve(name).normalize();
        if (!out.startsWith(work)) {
            throw new UserError("the wheelhouse's manifest names " + name + ", which points outside it; rebuild it");
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    /** A pure wheel's files under site/, as an installer lays out purelib: {@code .data/purelib|platlib} too. */
    private static void unpackInto(ReproducibleZip layer, Path wheel) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(wheel).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                String[] parts = entry.getName().split("/", 3);
                String name = entry.getName();
                if (parts[0].endsWith(".data")) {
                    if (parts.length < 3 || !(parts[1].equals("purelib") || parts[1].equals("platlib"))) {
                        continue; // scripts, headers and data files do not belong on a PYTHONPATH
                    }
                    name = parts[2];
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    layer.add(SITE + "/" + name, in.readAllBytes(), false);
                }
            }
        }
    }

    private static Layer write(LayerKind kind, ReproducibleZip zip, Path directory) throws IOException {
        Path written = directory.resolve("." + kind.label() + "-" + UUID.randomUUID() + ".zip");
        zip.writeTo(written);
        return Layer.moveToContentAddress(kind, written, directory);
    }

    private static byte[] json(JsonObject object) {
        return (new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(object)
                + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
