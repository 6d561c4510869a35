package io.github.sparkwheel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real CPythons from Maven Central, unpacked, made runnable, trimmed for the nodes; and archives that are not. */
class RuntimeCacheTest {

    @TempDir
    Path dir;

    @Test
    void install_aBytedecoJar_runsHere_withCtypes_andSaysWhatItNeeds() throws Exception {
        RuntimeCoordinates coordinates = RuntimeCoordinates.parse(TestRuntimes.PY310);
        RuntimeCache cache = new RuntimeCache(dir.resolve("cache"));
        PythonRuntime runtime = cache.install(coordinates, TestRuntimes.resolve(TestRuntimes.PY310));

        assertThat(runtime.majorMinor()).isEqualTo("3.10");
        assertThat(runtime.glibc()).isEqualTo("2.17"); // built on CentOS 7
        assertThat(runtime.machine()).isEqualTo("x86_64");
        assertThat(runtime.coordinates()).isEqualTo(coordinates);
        assertThat(runtime.home()).isEqualTo(dir.resolve("cache").resolve(runtime.id()));
        // a jar carries no unix modes; ctypes needs the libffi that the jar keeps beside bin/
        assertThat(run(runtime.python(), "-c", "import sys, ctypes, ssl, json; print(sys.version_info[:2], sys.prefix)"))
                .isEqualTo("(3, 10) " + runtime.home());
        assertThat(Files.readString(runtime.home().resolve(PythonRuntime.MARKER)))
                .contains("coordinates=" + coordinates, "python=3.10", "glibc=2.17", "machine=x86_64", "id=" + runtime.id());

        // once: a second install finds it as it is
        long ready = Files.getLastModifiedTime(runtime.home().resolve(".ready")).toMillis();
        Files.writeString(runtime.home().resolve("touched-by-the-test"), "");
        PythonRuntime again = new RuntimeCache(dir.resolve("cache")).install(coordinates, TestRuntimes.resolve(TestRuntimes.PY310));
        assertThat(again.home()).isEqualTo(runtime.home());
        assertThat(again.home().resolve("touched-by-the-test")).exists();
        assertThat(Files.getLastModifiedTime(again.home().resolve(".ready")).toMillis()).isEqualTo(ready);
    }

    @Test
    void glibcFloor_isTheNewestGlibcVersionTheBinariesNeed() throws Exception {
        PythonRuntime py312 = new RuntimeCache(dir).install(RuntimeCoordinates.parse(TestRuntimes.PY312),
                TestRuntimes.resolve(TestRuntimes.PY312));
        assertThat(py312.glibc()).isEqualTo("2.30");
        assertThat(py312.majorMinor()).isEqualTo("3.12");
        assertThat(Elf.glibcFloorOf(py312.home().resolve("lib/python3.12/os.py"))).isNull();
    }

    @Test
    void forNodes_aTrimmedReproducibleLayer_whosePythonMakesAVenv() throws Exception {
        Path archive = TestRuntimes.resolve(TestRuntimes.PY310);
        RuntimeCoordinates coordinates = RuntimeCoordinates.parse(TestRuntimes.PY310);
        NodeRuntime one = new RuntimeCache(dir.resolve("a")).forNodes(new RuntimeCache(dir.resolve("a")).install(coordinates,
                archive), archive);
        // on another machine, a build has used the runtime (Python wrote bytecode into it) before the layer is written
        PythonRuntime used = new RuntimeCache(dir.resolve("b")).install(coordinates, archive);
        run(used.python(), "-c", "import json, email.parser, http.client, xml.dom.minidom, asyncio");
        NodeRuntime two = new RuntimeCache(dir.resolve("b")).forNodes(used, archive);

        assertThat(one.layer().getFileName().toString()).isEqualTo("cpython-3.10.8-1.5.8-linux-x86_64.tar.gz");
        assertThat(Files.readAllBytes(one.layer())).as("byte-identical from the same archive").isEqualTo(Files.readAllBytes(two.layer()));
        Path tree = one.unpacked().home();
        assertThat(tree.resolve("lib/python3.10/os.py")).exists();
        assertThat(tree.resolve("lib/python3.10/lib-dynload/libffi.so.6")).exists(); // ctypes finds it there
        assertThat(tree.resolve("lib/python3.10/site-packages")).isDirectory().isEmptyDirectory();
        for (String trimmed : List.of("lib/python3.10/test", "lib/python3.10/idlelib", "include", "bin/pip3",
                "lib/python3.10/ensurepip", "libjnipython.so")) {
            assertThat(tree.resolve(trimmed)).as(trimmed).doesNotExist();
        }
        assertThat(Files.size(one.layer())).isLessThan(Files.size(archive));
        assertThat(Files.readString(tree.resolve(PythonRuntime.MARKER))).contains("glibc=2.17");
        Path venv = dir.resolve("venv");
        run(one.unpacked().python(), "-m", "venv", "--without-pip", venv.toString());
        assertThat(run(venv.resolve("bin/python"), "-c", "import sys, ctypes, ssl, decimal, hashlib; print(sys.base_prefix)"))
                .isEqualTo(tree.toString());
    }

    @Test
    void install_aStandaloneTarGz_withItsSymbolicLinks() throws Exception {
        // python-build-standalone's install_only layout: python/bin/python3 -> python3.10, modes in the tar
        Path tree = new RuntimeCache(dir.resolve("n")).forNodes(new RuntimeCache(dir.resolve("n")).install(
                RuntimeCoordinates.parse(TestRuntimes.PY310), TestRuntimes.resolve(TestRuntimes.PY310)),
                TestRuntimes.resolve(TestRuntimes.PY310)).unpacked().home();
        Path standalone = dir.resolve("cpython-3.10-install_only.tar.gz");
        try (OutputStream out = Files.newOutputStream(standalone);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(tree)) {
                files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
            }
            for (Path file : files) {
                String name = "python/" + tree.relativize(file);
                if (name.equals("python/bin/python3")) {
                    name = "python/bin/python3.10";
                } else if (name.endsWith(PythonRuntime.MARKER)) {
                    continue;
                }
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(Files.size(file));
                entry.setMode(Files.isExecutable(file) ? 0100755 : 0100644);
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry link = new TarArchiveEntry("python/bin/python3", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("python3.10");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        RuntimeCoordinates coordinates = RuntimeCoordinates.parse("com.example.python:cpython-standalone:3.10.8:tar.gz:install_only");
        PythonRuntime runtime = new RuntimeCache(dir.resolve("s")).install(coordinates, standalone);
        assertThat(Files.isSymbolicLink(runtime.python())).isTrue();
        assertThat(runtime.machine()).isEqualTo("x86_64");
        assertThat(run(runtime.python(), "-c", "import sys, ctypes; print(sys.version_info[:2])")).isEqualTo("(3, 10)");
    }

    @Test
    void install_anArchiveWithoutACPython_saysWhatWasLookedFor() throws Exception {
        Path jar = dir.resolve("not-python.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("org/example/Foo.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.putNextEntry(new ZipEntry("bin/python3")); // a launcher without a standard library is not a CPython
            zip.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        }
        RuntimeCoordinates c = RuntimeCoordinates.parse("org.example:not-python:1.0");
        assertThatThrownBy(() -> new RuntimeCache(dir).install(c, jar)).isInstanceOf(UserError.class)
                .hasMessage("org.example:not-python:1.0:jar (" + jar + ") holds no CPython: looked for bin/python3 beside "
                        + "lib/python3.X/os.py, as in org.bytedeco:cpython jars (org/bytedeco/cpython/<platform>/bin/python3) "
                        + "and python-build-standalone install_only archives (python/bin/python3). Perhaps you should fix "
                        + "<pythonRuntime> or -Dpyspark.pythonRuntime");
        Path text = Files.writeString(dir.resolve("python.pom"), "<project/>");
        assertThatThrownBy(() -> new RuntimeCache(dir).install(c, text)).isInstanceOf(UserError.class)
                .hasMessageContaining("is neither a zip or jar nor a tar.gz");
        assertThat(dir.resolve(Digests16.of(jar))).doesNotExist();
    }

    @Test
    void install_refusesEntriesAndLinksThatLeaveTheTree() throws Exception {
        for (String[] evil : new String[][] {{"python/../../escaped", null}, {"python/lib/python3.10/evil", "/etc/passwd"},
                {"python/lib/python3.10/up", "../../../../outside"}}) {
            Path archive = dir.resolve("evil-" + evil[0].hashCode() + ".tar.gz");
            try (OutputStream out = Files.newOutputStream(archive);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                file(tar, "python/bin/python3", "#!/bin/sh\n");
                file(tar, "python/lib/python3.10/os.py", "");
                if (evil[1] == null) {
                    file(tar, evil[0], "x");
                } else {
                    TarArchiveEntry link = new TarArchiveEntry(evil[0], TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(evil[1]);
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                }
            }
            assertThatThrownBy(() -> new RuntimeCache(dir.resolve("cache")).install(
                    RuntimeCoordinates.parse("org.example:evil:1:tar.gz"), archive)).isInstanceOf(UserError.class)
                    .hasMessageContaining("which points outside the Python tree");
        }
        assertThat(dir.resolve("escaped")).doesNotExist();
    }

    @Test
    void install_concurrently_inThreadsAndAnotherJvm_unpacksOnce() throws Exception {
        Path archive = FakeRuntimes.jar(dir.resolve("fake.jar"), 300);
        Path root = dir.resolve("shared");
        RuntimeCoordinates c = RuntimeCoordinates.parse("org.example:fake-python:1.0");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Installer.class.getName(), root.toString(), archive.toString())
                .redirectErrorStream(true).start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PythonRuntime>> installs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            installs.add(pool.submit((Callable<PythonRuntime>) () -> {
                start.await();
                return new RuntimeCache(root).install(c, archive);
            }));
        }
        start.countDown();
        List<Path> homes = new ArrayList<>();
        for (Future<PythonRuntime> install : installs) {
            homes.add(install.get(120, TimeUnit.SECONDS).home());
        }
        pool.shutdown();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        other.getInputStream().transferTo(out);
        assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(other.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo(homes.get(0).toString());
        assertThat(homes).containsOnly(homes.get(0));
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        try (Stream<Path> files = Files.walk(homes.get(0))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(300 + 4); // + python3, os.py, marker, .ready
        }
    }

    /** Another JVM installing the same runtime into the same cache: prints where it is. */
    public static final class Installer {
        public static void main(String[] args) throws Exception {
            System.out.println(new RuntimeCache(Path.of(args[0])).install(
                    RuntimeCoordinates.parse("org.example:fake-python:1.0"), Path.of(args[1])).home());
        }
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(0100755);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    /** Its output, trimmed; fails the test when it does not succeed. */
    static String run(Path python, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("PYTHON"));
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + ": " + out).isZero();
        return out;
    }

    private static final class Digests16 {
        static String of(Path file) throws IOException {
            return io.github.sparkwheel.Digests.sha256(file).substring(0, 16);
        }
    }
}
