package io.github.sparkwheel.wheelhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's decisions, with a recording runner standing in for Python and pip: which pip
 * command it composes and when it starts none. Real pip runs in the ITs.
 */
class WheelhouseBuilderTest {

    @TempDir
    Path dir;

    private final FakePythonRunner runner = new FakePythonRunner();
    private WheelhouseRequest request;

    @BeforeEach
    void setUp() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("pyproject.toml"), "[project]\nname = \"job\"\n");
        Files.writeString(src.resolve("requirements.txt"), "./libs/dep\n");
        Files.createDirectories(src.resolve("build/lib"));
        Files.writeString(src.resolve("build/lib/stale.py"), "stale");
        request = new WheelhouseRequest();
        request.sourceDirectory = src;
        request.outputFile = dir.resolve("target/job-wheelhouse.zip");
        request.workDirectory = dir.resolve("target/work");
        request.python = "py";
        request.timeout = Duration.ofMinutes(1);
    }

    private WheelhouseResult build() throws Exception {
        return new WheelhouseBuilder(runner, BuildLog.SILENT).build(request);
    }

    @Test
    void build_runsPipOnACopyWithoutStaleOutput_andDetectsTheConsoleScript() throws Exception {
        WheelhouseResult result = build();
        assertThat(result.upToDate()).isFalse();
        List<String> pip = runner.pipCalls.get(0);
        Path copy = request.workDirectory.resolve("src");
        assertThat(pip).containsSequence("--requirement", copy.resolve("requirements.txt").toString(), copy.toString());
        assertThat(runner.pipWorkingDirectories).containsExactly(copy);
        // its own temporary directory, in this module's work directory, gone afterwards
        assertThat(runner.pipTempDirectories).containsExactly(request.workDirectory.resolve("tmp").toString());
        assertThat(request.workDirectory.resolve("tmp")).doesNotExist();
        assertThat(runner.copiedFiles).containsExactly("pyproject.toml", "requirements.txt");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(result.archive().toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry("wheelhouse.json")).readAllBytes());
            assertThat(manifest).contains("\"entryPoint\": \"job.cli:main\"", "\"tag\": \"cp311-cp311-linux_x86_64\"");
        }
    }

    @Test
    void build_onAPythonRuntime_theManifestNamesIt_pipBuildsInIsolation_andAnotherRuntimeRebuilds() throws Exception {
        request.runtime = io.github.sparkwheel.runtime.FakeRuntimes.install(dir.resolve("a"));
        request.pip.usePep517 = true;
        WheelhouseResult result = build();
        assertThat(runner.pipCalls.get(0)).contains("--use-pep517");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(result.archive().toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry("wheelhouse.json")).readAllBytes());
            assertThat(manifest).contains("\"runtime\": {", "\"coordinates\": \"org.example:fake-python:1.0:jar:linux-x86_64\"",
                    "\"sha256\": \"" + request.runtime.sha256() + "\"", "\"machine\": \"x86_64\"");
        }
        assertThat(build().upToDate()).isTrue();
        assertThat(runner.identityCalls).as("a runtime is known by its sha256: no interpreter starts for it").isZero();
        Path other = io.github.sparkwheel.runtime.FakeRuntimes.jar(dir.resolve("other.jar"), 4); // other bytes, same name
        request.runtime = new io.github.sparkwheel.runtime.RuntimeCache(dir.resolve("b")).install(
                request.runtime.coordinates(), other);
        assertThat(build().upToDate()).as("another runtime").isFalse();

        request.targetPython = "3.10"; // the fake runtime is CPython 3.11
        int calls = runner.pipCalls.size();
        assertThatThrownBy(this::build).isInstanceOf(UserError.class).hasMessageContaining("<targetPython> 3.10 is not the Python of <pythonRuntime>");
        assertThat(runner.pipCalls).hasSize(calls);
    }

    @Test
    void build_twiceWithNothingChanged_startsPipOnce_andAChangeOrForceRebuilds() throws Exception {
        build();
        WheelhouseResult upToDate = build();
        assertThat(upToDate.upToDate()).isTrue();
        assertThat(runner.pipCalls).hasSize(1);
        // the identity it checked, for the test goal's own checks: the interpreter started once per build
        assertThat(upToDate.interpreterIdentity()).startsWith("/usr/bin/py|3.11");
        assertThat(runner.identityCalls).isEqualTo(2);

        Files.writeString(request.sourceDirectory.resolve("job.py"), "changed");
        assertThat(build().upToDate()).isFalse();
        assertThat(runner.pipCalls).hasSize(2);

        request.force = true;
        assertThat(build().upToDate()).isFalse();
        assertThat(runner.pipCalls).hasSize(3);

        request.force = false;
        request.pip.extraArgs.add("--prefer-binary");
        build();
        assertThat(runner.pipCalls).hasSize(4);
    }

    @Test
    void build_zipDeletedOrInterpreterChanged_rebuilds() throws Exception {
        build();
        Files.delete(request.outputFile);
        build();
        runner.version = "3.11.8";
        build();
        assertThat(runner.pipCalls).hasSize(3);
    }

    @Test
    void build_offlineMaven_addsNoIndex() throws Exception {
        request.pip.offline = true;
        request.pip.indexUrl = "https://mirror/simple";
        build();
        assertThat(runner.pipCalls.get(0)).contains("--no-index").doesNotContain("--index-url");
    }

    @Test
    void build_pipFails_leavesNoZipAndForgetsTheState() throws Exception {
        build();
        Files.writeString(request.sourceDirectory.resolve("job.py"), "changed");
        runner.pipExitCode = 1;
        runner.pipOutput = List.of("ERROR: Failed building wheel for fastsum");
        long before = Files.getLastModifiedTime(request.outputFile).toMillis();
        assertThatThrownBy(this::build).isInstanceOf(UserError.class)
                .hasMessageStartingWith("Building a wheel for fastsum failed");
        assertThat(Files.getLastModifiedTime(request.outputFile).toMillis()).isEqualTo(before);
        runner.pipExitCode = 0;
        Files.writeString(request.sourceDirectory.resolve("job.py"), "changed");
        build();
        assertThat(runner.pipCalls).hasSize(3);
    }

    @Test
    void build_pythonWithoutPip_isAUserError() {
        runner.pip = null;
        assertThatThrownBy(this::build).isInstanceOf(UserError.class)
                .hasMessageContaining("has no pip; install pip for it (py -m ensurepip)");
        assertThat(request.outputFile).doesNotExist();
    }

    @Test
    void build_twoConsoleScripts_asksForTheEntryPoint() {
        runner.entryPoints = "[console_scripts]\na = job.a:main\nb = job.b:main\n";
        assertThatThrownBy(this::build).isInstanceOf(UserError.class)
                .hasMessageContaining("declares 2 console_scripts [a = job.a:main, b = job.b:main]")
                .hasMessageContaining("<entryPoint>package.module:function</entryPoint> or -Dpyspark.entryPoint");
    }

    @Test
    void build_withLibraryWheels_pipTakesTheseVeryFiles_andAChangedLibraryRebuilds() throws Exception {
        Path stored = libraryWheel(dir.resolve("repo/textkit-1.2.0-SNAPSHOT.whl"), "v1");
        request.libraryWheels.add(stored);
        request.pip.findLinks.add("/corp/wheels");
        build();
        List<String> pip = runner.pipCalls.get(0);
        Path libraries = request.workDirectory.resolve("libraries");
        Path pinned = libraries.resolve("textkit-1.2.0.dev0-py3-none-any.whl");
        // the reactor's wheel is searched first and named by its path: an index's textkit cannot win
        assertThat(pip).containsSubsequence("--find-links", libraries.toString(), "--find-links", "/corp/wheels");
        assertThat(pip).containsSequence("--requirement", request.workDirectory.resolve("libraries.txt").toString());
        assertThat(Files.readAllLines(request.workDirectory.resolve("libraries.txt")))
                .containsExactly("textkit @ " + pinned.toUri());
        assertThat(pinned).hasSameBinaryContentAs(stored);

        assertThat(build().upToDate()).isTrue();
        libraryWheel(stored, "v2"); // the library module was rebuilt
        assertThat(build().upToDate()).isFalse();
        assertThat(runner.pipCalls).hasSize(2);
        assertThat(pinned).hasSameBinaryContentAs(stored);
    }

    @Test
    void build_forAnotherMachine_buildsTheJobHereWithoutDeps_andDownloadsTheRestForTheTarget() throws Exception {
        request.targetPlatforms.add("manylinux2014_aarch64");
        request.targetPython = "3.10";
        runner.platformWheel = false; // the job's wheels are pure
        WheelhouseResult result = build();
        List<String> local = runner.pipCalls.get(0);
        assertThat(local).contains("--no-deps").doesNotContain("--platform");
        List<String> download = runner.downloadCalls.get(0);
        Path wheels = request.workDirectory.resolve("wheels");
        assertThat(download).containsSequence("download", "--dest", wheels.toString())
                .containsSequence("--platform", "manylinux2014_aarch64")
                .containsSequence("--python-version", "3.10", "--implementation", "cp", "--abi", "cp310")
                .containsSequence("--find-links", wheels.toString())
                .contains(wheels.resolve("job-1.0-py3-none-any.whl").toString());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(result.archive().toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry("wheelhouse.json")).readAllBytes());
            assertThat(manifest).contains("\"tag\": \"cp310-cp310-manylinux2014_aarch64\"", "\"majorMinor\": \"3.10\"",
                    "\"abi\": \"cp310\"");
        }
    }

    @Test
    void build_forAnotherMachine_aPlatformWheelBuiltHere_isRefusedWithTheWaysOut() {
        request.targetPlatforms.add("manylinux2014_aarch64");
        request.targetPython = "3.10";
        assertThatThrownBy(this::build).isInstanceOf(UserError.class)
                .hasMessageContaining("dep-2.0-cp311-cp311-linux_x86_64.whl (built on this machine from")
                .hasMessageContaining("is for cp311-cp311-linux_x86_64 and does not run on CPython 3.10 on "
                        + "manylinux2014_aarch64")
                .hasMessageContaining("or drop <targetPlatforms> and <targetPython>");
        assertThat(runner.downloadCalls).isEmpty();
    }

    /** A wheel of textkit 1.2.0.dev0 stored under its Maven name, as a repository keeps it. */
    private static Path libraryWheel(Path file, String code) throws IOException {
        Files.createDirectories(file.getParent());
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            String[][] entries = {
                {"textkit/__init__.py", "CODE = '" + code + "'\n"},
                {"textkit-1.2.0.dev0.dist-info/METADATA", "Metadata-Version: 2.1\nName: textkit\nVersion: 1.2.0.dev0\n"},
                {"textkit-1.2.0.dev0.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"},
            };
            for (String[] entry : entries) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry[0]));
                zip.write(entry[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return file;
    }
}
