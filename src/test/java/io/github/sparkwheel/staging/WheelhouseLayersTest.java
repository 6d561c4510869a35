package io.github.sparkwheel.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.wheelhouse.FakePythonRunner;
import io.github.sparkwheel.wheelhouse.WheelhouseBuilder;
import io.github.sparkwheel.wheelhouse.WheelhouseRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layers a wheelhouse is split into, from wheelhouses the real builder writes (pip faked). */
class WheelhouseLayersTest {

    @TempDir
    Path dir;

    private final FakePythonRunner runner = new FakePythonRunner();

    /** A package job (job-1.0, pure) with one platform-specific dependency (dep-2.0), or a script job. */
    private Path wheelhouse(String name, String entryPoints, boolean script) throws Exception {
        Path src = Files.createDirectories(dir.resolve(name + "-src"));
        if (script) {
            Files.writeString(src.resolve("job.py"), "print('job')\n");
            Files.writeString(src.resolve("requirements.txt"), "dep\n");
        } else {
            Files.writeString(src.resolve("pyproject.toml"), "[project]\nname = \"job\"\n");
        }
        runner.entryPoints = entryPoints;
        WheelhouseRequest request = new WheelhouseRequest();
        request.sourceDirectory = src;
        request.outputFile = dir.resolve(name + "-wheelhouse.zip");
        request.workDirectory = dir.resolve(name + "-work");
        request.python = "py";
        request.timeout = Duration.ofMinutes(1);
        return new WheelhouseBuilder(runner, BuildLog.SILENT).build(request).archive();
    }

    private static Map<String, byte[]> entries(Path zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(file.getEntriesInPhysicalOrder())) {
                entries.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    private static int unixMode(Path zip, String name) throws Exception {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            return file.getEntry(name).getUnixMode() & 0777;
        }
    }

    @Test
    void of_aPackageJob_givesADependencyLayerForTheVenvAndAJobLayerWithItsCodeUnpacked() throws Exception {
        Path wheelhouse = wheelhouse("a", "[console_scripts]\njob = job.cli:main\n", false);
        WheelhouseLayers layers = WheelhouseLayers.of(wheelhouse, "wheelhouse", dir.resolve("layers"));

        Map<String, byte[]> deps = entries(layers.dependencies().file());
        assertThat(deps.keySet()).containsExactly("bootstrap/env-id", "requirements.lock", "wheelhouse.json",
                "wheels/dep-2.0-cp311-cp311-linux_x86_64.whl");
        String lock = new String(deps.get("requirements.lock"), StandardCharsets.UTF_8);
        assertThat(lock).contains("dep==2.0 --hash=sha256:").doesNotContain("job==");
        assertThat(new String(deps.get("bootstrap/env-id"), StandardCharsets.US_ASCII))
                .isEqualTo(Digests.sha256(lock.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + "\n");
        String manifest = new String(deps.get("wheelhouse.json"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("wheels/dep-2.0-cp311-cp311-linux_x86_64.whl", "\"python\"")
                .doesNotContain("wheels/job-1.0", "entryPoint", "digest");

        Map<String, byte[]> job = entries(layers.job().file());
        assertThat(job.keySet()).contains("bootstrap/python", "bootstrap/bootstrap.py", "bootstrap/dependency-layer",
                "runner.py", "requirements.lock", "wheelhouse.json", "site/job/__init__.py",
                "site/job-1.0.dist-info/METADATA", "site/job-1.0.dist-info/entry_points.txt")
                .noneMatch(name -> name.startsWith("wheels/") || name.equals("bootstrap/env-id"));
        assertThat(new String(job.get("bootstrap/dependency-layer"), StandardCharsets.UTF_8)).isEqualTo("wheelhouse-deps\n");
        assertThat(unixMode(layers.job().file(), "bootstrap/python")).isEqualTo(0755);
        assertThat(unixMode(layers.job().file(), "runner.py")).isEqualTo(0755);

        // content addresses: the file's own sha256
        for (Layer layer : List.of(layers.dependencies(), layers.job())) {
            assertThat(layer.stagedName()).isEqualTo(layer.kind().label() + "-" + Digests.sha256(layer.file()) + ".zip");
            assertThat(layer.file().getFileName().toString()).isEqualTo(layer.stagedName());
        }
    }

    @Test
    void of_isReproducible_andACodeOnlyChangeMakesOnlyANewJobLayer() throws Exception {
        Path first = wheelhouse("a", "[console_scripts]\njob = job.cli:main\n", false);
        WheelhouseLayers one = WheelhouseLayers.of(first, "wheelhouse", dir.resolve("layers-1"));
        WheelhouseLayers again = WheelhouseLayers.of(first, "wheelhouse", dir.resolve("layers-2"));
        assertThat(Files.readAllBytes(again.dependencies().file())).isEqualTo(Files.readAllBytes(one.dependencies().file()));
        assertThat(Files.readAllBytes(again.job().file())).isEqualTo(Files.readAllBytes(one.job().file()));

        long written = Files.getLastModifiedTime(one.dependencies().file()).toMillis() - 60_000;
        Files.setLastModifiedTime(one.dependencies().file(), java.nio.file.attribute.FileTime.fromMillis(written));
        Path changed = wheelhouse("b", "[console_scripts]\njob = job.cli:run\n", false); // the job's wheel changed
        WheelhouseLayers two = WheelhouseLayers.of(changed, "wheelhouse", dir.resolve("layers-1"));
        assertThat(two.dependencies().stagedName()).isEqualTo(one.dependencies().stagedName());
        assertThat(Files.getLastModifiedTime(two.dependencies().file()).toMillis())
                .as("found by what it holds, not written again").isEqualTo(written);
        assertThat(two.job().stagedName()).isNotEqualTo(one.job().stagedName());
    }

    @Test
    void of_isWrittenOncePerWheelhouseAndAlias() throws Exception {
        Path wheelhouse = wheelhouse("a", "[console_scripts]\njob = job.cli:main\n", false);
        Path layers = dir.resolve("layers");
        WheelhouseLayers first = WheelhouseLayers.of(wheelhouse, "wheelhouse", layers);
        long written = Files.getLastModifiedTime(first.job().file()).toMillis();
        Files.setLastModifiedTime(first.job().file(), java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
        WheelhouseLayers second = WheelhouseLayers.of(wheelhouse, "wheelhouse", layers);
        assertThat(second.job().stagedName()).isEqualTo(first.job().stagedName());
        assertThat(Files.getLastModifiedTime(second.job().file()).toMillis()).isEqualTo(written - 60_000);
        // another alias names another dependency layer in the job layer
        WheelhouseLayers other = WheelhouseLayers.of(wheelhouse, "env", layers);
        assertThat(other.job().stagedName()).isNotEqualTo(first.job().stagedName());
        assertThat(new String(entries(other.job().file()).get("bootstrap/dependency-layer"), StandardCharsets.UTF_8))
                .isEqualTo("env-deps\n");
        List<String> files = new ArrayList<>();
        try (var list = Files.list(layers)) {
            list.forEach(f -> files.add(f.getFileName().toString()));
        }
        assertThat(files).noneMatch(f -> f.startsWith(".")); // no temporary files or directories left
    }

    @Test
    void of_aScriptJob_hasEveryWheelInItsDependencyLayer() throws Exception {
        WheelhouseLayers layers = WheelhouseLayers.of(wheelhouse("s", null, true), "wheelhouse", dir.resolve("layers"));
        assertThat(entries(layers.dependencies().file()).keySet()).contains("wheels/job-1.0-py3-none-any.whl",
                "wheels/dep-2.0-cp311-cp311-linux_x86_64.whl");
        assertThat(entries(layers.job().file()).keySet()).noneMatch(name -> name.startsWith("site/"))
                .contains("runner.py");
    }
}
