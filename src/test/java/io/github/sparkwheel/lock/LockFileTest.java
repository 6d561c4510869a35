package io.github.sparkwheel.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.python.Markers;
import io.github.sparkwheel.python.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {

    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final String C = "c".repeat(64);
    static final String D = "d".repeat(64);

    @TempDir
    Path dir;

    private static Markers.Environment x86() throws UserError {
        return Markers.of(Target.of("3.11", List.of("manylinux2014_x86_64")));
    }

    private static Markers.Environment arm() throws UserError {
        return Markers.of(Target.of("3.10", List.of("manylinux2014_aarch64")));
    }

    private Path pyproject(String dependencies) throws IOException {
        return Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"Lock_Job\"\nversion = \"1.0\"\n"
                + "dependencies = [" + dependencies + "]\n");
    }

    private static List<String> pins(List<LockedPackage> packages) {
        List<String> pins = new ArrayList<>();
        packages.forEach(p -> pins.add(p.requirementLine()));
        return pins;
    }

    @Test
    void pylock_everyEntryWhoseMarkerHolds_theProjectLeftOut() throws Exception {
        Path project = pyproject("\"dep>=0.2\"");
        Files.writeString(dir.resolve("pylock.toml"), String.join("\n",
                "lock-version = \"1.0\"", "created-by = \"uv\"",
                "[[packages]]", "name = \"lock-job\"", "directory = {path = \".\"}",
                "[[packages]]", "name = \"Dep\"", "version = \"0.2.1\"",
                "wheels = [{name = \"dep-0.2.1-py3-none-any.whl\", url = \"https://files.example.com/dep-0.2.1-py3-none-any.whl\", hashes = {sha256 = \"" + A + "\"}}]",
                "sdist = {url = \"https://files.example.com/dep-0.2.1.tar.gz\", hashes = {sha256 = \"" + B + "\"}}",
                "[[packages]]", "name = \"armonly\"", "version = \"1.0\"", "marker = \"platform_machine == 'aarch64'\"",
                "wheels = [{url = \"https://files.example.com/armonly-1.0-py3-none-any.whl\", hashes = {sha256 = \"" + C + "\"}}]",
                ""));
        LockFile lock = LockFile.find(dir, null, null).orElseThrow();
        assertThat(lock.format()).isEqualTo(LockFile.Format.PYLOCK);
        List<LockedPackage> x86 = lock.select(x86(), project, Set.of());
        assertThat(pins(x86)).containsExactly("dep==0.2.1 --hash=sha256:" + A + " --hash=sha256:" + B);
        assertThat(x86.get(0).files().get(0).wheelTags()).isEqualTo("py3-none-any");
        assertThat(x86.get(0).files().get(1).name).isEqualTo("dep-0.2.1.tar.gz");
        assertThat(pins(lock.select(arm(), project, Set.of()))).hasSize(2);
        assertThat(lock.reference(dir).file).isEqualTo("pylock.toml");
        assertThat(lock.reference(dir).sha256).hasSize(64);
    }

    @Test
    void pylock_madeForOtherMachines_orWithoutSha256_isRefused() throws Exception {
        Path project = pyproject("");
        Files.writeString(dir.resolve("pylock.toml"), "lock-version = \"1.0\"\n"
                + "environments = [\"sys_platform == 'darwin'\"]\n");
        assertThatThrownBy(() -> LockFile.read(dir.resolve("pylock.toml")).select(x86(), project, Set.of()))
                .hasMessageContaining("it was made for [sys_platform == 'darwin'], not for the machines the wheelhouse is for")
                .hasMessageContaining("mvn pyspark:lock");
        Files.writeString(dir.resolve("pylock.toml"), "lock-version = \"1.0\"\n[[packages]]\nname = \"dep\"\n"
                + "version = \"1\"\nwheels = [{name = \"dep-1-py3-none-any.whl\", hashes = {md5 = \"00\"}}]\n");
        assertThatThrownBy(() -> LockFile.read(dir.resolve("pylock.toml")).select(x86(), project, Set.of()))
                .hasMessageContaining("has no sha256");
        Files.writeString(dir.resolve("pylock.toml"), "lock-version = \"1.0\"\n[[packages]]\nname = \"other\"\n"
                + "vcs = {type = \"git\", url = \"https://git.example.com/other.git\", commit-id = \"abc\"}\n");
        assertThatThrownBy(() -> LockFile.read(dir.resolve("pylock.toml")).select(x86(), project, Set.of()))
                .hasMessageContaining("other comes from a directory, a VCS or an archive");
    }

    @Test
    void uvLock_whatTheProjectReaches_onTheTarget() throws Exception {
        Path project = pyproject("\"dep\"");
        Files.writeString(dir.resolve("uv.lock"), String.join("\n", "version = 1", "requires-python = \">=3.8\"",
                "[[package]]", "name = \"lock-job\"", "version = \"1.0\"", "source = { editable = \".\" }",
                "dependencies = [", "  { name = \"dep\", extra = [\"fast\"] },",
                "  { name = \"armonly\", marker = \"platform_machine == 'aarch64'\" },", "]",
                "[package.dev-dependencies]", "dev = [{ name = \"devtool\" }]",
                "[[package]]", "name = \"dep\"", "version = \"0.2.1\"", "source = { registry = \"https://pypi.org/simple\" }",
                "sdist = { url = \"https://files.example.com/dep-0.2.1.tar.gz\", hash = \"sha256:" + B + "\", size = 10 }",
                "wheels = [{ url = \"https://files.example.com/dep-0.2.1-py3-none-any.whl\", hash = \"sha256:" + A + "\", size = 10 }]",
                "[package.optional-dependencies]", "fast = [{ name = \"speedup\" }]",
                "[[package]]", "name = \"speedup\"", "version = \"3.0\"", "source = { registry = \"https://pypi.org/simple\" }",
                "wheels = [{ url = \"https://files.example.com/speedup-3.0-py3-none-any.whl\", hash = \"sha256:" + C + "\" }]",
                "[[package]]", "name = \"armonly\"", "version = \"1.0\"", "source = { registry = \"https://pypi.org/simple\" }",
                "wheels = [{ url = \"https://files.example.com/armonly-1.0-py3-none-any.whl\", hash = \"sha256:" + D + "\" }]",
                "[[package]]", "name = \"devtool\"", "version = \"9.0\"", "source = { registry = \"https://pypi.org/simple\" }",
                "wheels = [{ url = \"https://files.example.com/devtool-9.0-py3-none-any.whl\", hash = \"sha256:" + D + "\" }]",
                ""));
        LockFile lock = LockFile.find(dir, null, null).orElseThrow();
        assertThat(lock.format()).isEqualTo(LockFile.Format.UV);
        List<String> names = new ArrayList<>();
        lock.select(x86(), project, Set.of()).forEach(p -> names.add(p.toString()));
        assertThat(names).containsExactly("dep 0.2.1", "speedup 3.0");
        names.clear();
        lock.select(arm(), project, Set.of()).forEach(p -> names.add(p.toString()));
        assertThat(names).containsExactlyInAnyOrder("dep 0.2.1", "speedup 3.0", "armonly 1.0");
    }

    @Test
    void poetryLock_fromPyprojectsDependencies_throughTheLockedOnes() throws Exception {
        Path project = pyproject("\"dep (>=0.2)\", \"winonly ; sys_platform == 'win32'\"");
        Files.writeString(dir.resolve("poetry.lock"), String.join("\n",
                "[[package]]", "name = \"dep\"", "version = \"0.2.1\"", "optional = false",
                "files = [", "  {file = \"dep-0.2.1-py3-none-any.whl\", hash = \"sha256:" + A + "\"},",
                "  {file = \"dep-0.2.1.tar.gz\", hash = \"sha256:" + B + "\"},", "]",
                "[package.dependencies]", "helper = \">=1.0\"",
                "armonly = {version = \"*\", markers = \"platform_machine == \\\"aarch64\\\"\"}",
                "extra-thing = {version = \"*\", optional = true}",
                "[[package]]", "name = \"helper\"", "version = \"1.2\"",
                "files = [{file = \"helper-1.2-py3-none-any.whl\", hash = \"sha256:" + C + "\"}]",
                "[[package]]", "name = \"armonly\"", "version = \"1.0\"",
                "files = [{file = \"armonly-1.0-py3-none-any.whl\", hash = \"sha256:" + D + "\"}]",
                "[metadata]", "lock-version = \"2.0\"", "python-versions = \">=3.8\"", "content-hash = \"x\"", ""));
        LockFile lock = LockFile.find(dir, null, null).orElseThrow();
        assertThat(lock.format()).isEqualTo(LockFile.Format.POETRY);
        List<String> names = new ArrayList<>();
        lock.select(x86(), project, Set.of()).forEach(p -> names.add(p.toString()));
        assertThat(names).containsExactly("dep 0.2.1", "helper 1.2");
        Path more = pyproject("\"dep\", \"missing\"");
        assertThatThrownBy(() -> lock.select(x86(), more, Set.of()))
                .hasMessageContaining("pyproject.toml requires missing, which it does not hold")
                .hasMessageContaining("poetry lock");
    }

    @Test
    void hashedRequirements_areALock_andUnhashedOnesAreNot() throws Exception {
        Path requirements = Files.writeString(dir.resolve("requirements.txt"), String.join("\n",
                "# pip-compile --generate-hashes", "--index-url https://pypi.example.com/simple",
                "dep==0.2.1 \\", "    --hash=sha256:" + A + " \\", "    --hash=sha256:" + B, "    # via job",
                "armonly==1.0 ; platform_machine == 'aarch64' \\", "    --hash=sha256:" + C, ""));
        LockFile lock = LockFile.find(dir, null, requirements).orElseThrow();
        assertThat(lock.format()).isEqualTo(LockFile.Format.REQUIREMENTS);
        assertThat(pins(lock.select(x86(), null, Set.of())))
                .containsExactly("dep==0.2.1 --hash=sha256:" + A + " --hash=sha256:" + B);
        assertThat(lock.select(arm(), null, Set.of())).hasSize(2);
        Files.writeString(requirements, "dep>=0.2\nother==1.0 --hash=sha256:" + A + "\n");
        assertThat(LockFile.find(dir, null, requirements)).isEmpty();
        Files.writeString(requirements, "--index-url https://pypi.example.com/simple\n-r base.txt\n");
        assertThat(LockFile.find(dir, null, requirements)).as("no requirement of its own").isEmpty();
        assertThatThrownBy(() -> LockFile.find(dir, dir.resolve("nope.lock"), null))
                .hasMessageContaining("<lockFile> " + dir.resolve("nope.lock") + " does not exist");
    }

    @Test
    void pylockWriter_writesWhatLockFileReadsBack() throws Exception {
        Path project = pyproject("");
        String text = PylockWriter.write(List.of(
                new PylockWriter.Entry("zeta", "1.0", "zeta-1.0.tar.gz", "https://files.example.com/zeta-1.0.tar.gz", null, B),
                new PylockWriter.Entry("dep", "0.2.1", "dep-0.2.1-py3-none-any.whl", null, "wheels/dep-0.2.1-py3-none-any.whl", A)),
                x86(), "pyspark-maven-plugin 0.1.0");
        assertThat(text).contains("lock-version = \"1.0\"").contains("environments = [\"python_version == \\\"3.11\\\" "
                + "and sys_platform == \\\"linux\\\" and platform_machine == \\\"x86_64\\\"\"]");
        assertThat(text.indexOf("name = \"dep\"")).isLessThan(text.indexOf("name = \"zeta\""));
        Files.writeString(dir.resolve("pylock.toml"), text);
        LockFile lock = LockFile.read(dir.resolve("pylock.toml"));
        assertThat(pins(lock.select(x86(), project, Set.of())))
                .containsExactly("dep==0.2.1 --hash=sha256:" + A, "zeta==1.0 --hash=sha256:" + B);
        assertThatThrownBy(() -> lock.select(arm(), project, Set.of())).hasMessageContaining("it was made for");
    }

    @Test
    void uvLock_aWorkspaceMember_isLeftToMavenWhenItIsALibraryModule_andRefusedOtherwise() throws Exception {
        Path project = pyproject("\"textkit\"");
        Files.writeString(dir.resolve("uv.lock"), String.join("\n", "version = 1",
                "[[package]]", "name = \"lock-job\"", "version = \"1.0\"", "source = { editable = \".\" }",
                "dependencies = [{ name = \"textkit\" }]",
                "[[package]]", "name = \"textkit\"", "version = \"2.0\"", "source = { editable = \"../textkit\" }",
                "dependencies = [{ name = \"dep\" }]",
                "[[package]]", "name = \"dep\"", "version = \"0.2.1\"", "source = { registry = \"https://pypi.org/simple\" }",
                "wheels = [{ url = \"https://files.example.com/dep-0.2.1-py3-none-any.whl\", hash = \"sha256:" + A + "\" }]",
                ""));
        LockFile lock = LockFile.read(dir.resolve("uv.lock"));
        assertThat(pins(lock.select(x86(), project, Set.of("textkit")))).containsExactly("dep==0.2.1 --hash=sha256:" + A);
        assertThatThrownBy(() -> lock.select(x86(), project, Set.of()))
                .hasMessageContaining("textkit comes from a directory, a VCS or an archive, not an index");
    }

    @Test
    void fileName_ofAUrlOrPath_decodedOnce() {
        assertThat(LockFile.fileName("https://files.example.com/a/dep-0.2.1-py3-none-any.whl#sha256=00"))
                .isEqualTo("dep-0.2.1-py3-none-any.whl");
        assertThat(LockFile.fileName("file:///opt/wheels/torch-2.13.0%2Bcpu-cp311-cp311-linux_x86_64.whl"))
                .isEqualTo("torch-2.13.0+cpu-cp311-cp311-linux_x86_64.whl");
        assertThat(LockFile.fileName("wheels/torch-2.13.0+cpu-cp311-cp311-linux_x86_64.whl?x=1"))
                .isEqualTo("torch-2.13.0+cpu-cp311-cp311-linux_x86_64.whl");
        assertThat(LockFile.fileName("dep%2525.whl")).as("decoded once").isEqualTo("dep%25.whl");
        assertThat(LockFile.fileName(null)).isNull();
    }
}
