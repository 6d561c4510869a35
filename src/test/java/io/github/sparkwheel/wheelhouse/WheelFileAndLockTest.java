package io.github.sparkwheel.wheelhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelFileAndLockTest {

    @TempDir
    Path dir;

    @Test
    void of_parsesPep427FileNames() throws Exception {
        WheelFile wheel = WheelFile.of(TestWheels.wheel(dir, "Foo_Bar-1.2.post1-1-cp311-cp311-linux_x86_64.whl", null));
        assertThat(wheel.name()).isEqualTo("foo-bar");
        assertThat(wheel.version()).isEqualTo("1.2.post1");
        assertThat(wheel.tags()).isEqualTo("cp311-cp311-linux_x86_64");
        assertThat(wheel.isPure()).isFalse();
        assertThat(wheel.sha256()).isEqualTo(Digests.sha256(wheel.path())).hasSize(64);
    }

    @Test
    void of_rejectsOtherNames() throws Exception {
        Path notWheel = TestWheels.wheel(dir, "foo-1.0.whl", null);
        assertThatThrownBy(() -> WheelFile.of(notWheel)).hasMessageContaining("Not a wheel file name");
    }

    @Test
    void consoleScripts_readsOnlyThatSection() throws Exception {
        WheelFile wheel = WheelFile.of(TestWheels.wheel(dir, "job-1.0-py3-none-any.whl",
                "[gui_scripts]\ngui = job.gui:main\n\n[console_scripts]\njob = job.main:run\n# comment\n"));
        assertThat(wheel.consoleScripts()).singleElement().satisfies(s -> assertThat(s).containsExactly("job", "job.main:run"));
    }

    @Test
    void lock_isSortedByCanonicalNameInRequireHashesFormat() throws Exception {
        WheelFile b = WheelFile.of(TestWheels.wheel(dir, "Zeta-2.0-py3-none-any.whl", null));
        WheelFile a = WheelFile.of(TestWheels.wheel(dir, "alpha_lib-0.1-py3-none-any.whl", null));
        String text = Lock.of(List.of(b, a)).text();
        assertThat(text.lines().filter(l -> !l.startsWith("#")))
                .containsExactly("alpha-lib==0.1 --hash=sha256:" + a.sha256(), "zeta==2.0 --hash=sha256:" + b.sha256());
    }

    @Test
    void lock_twoVersionsOfOneDistribution_isAUserError() throws Exception {
        WheelFile one = WheelFile.of(TestWheels.wheel(dir.resolve("a"), "lib-1.0-py3-none-any.whl", null));
        WheelFile two = WheelFile.of(TestWheels.wheel(dir.resolve("b"), "lib-2.0-py3-none-any.whl", null));
        assertThatThrownBy(() -> Lock.of(List.of(one, two))).isInstanceOf(UserError.class)
                .hasMessageContaining("two wheels of lib: lib-1.0-py3-none-any.whl and lib-2.0-py3-none-any.whl");
    }

    @Test
    void fileNameFromMetadata_namesAWheelStoredUnderItsMavenName_asPipExpects() throws Exception {
        Path stored = dir.resolve("textkit-1.2.0-SNAPSHOT.whl");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(stored))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("Text.Kit-1.2.0.dev0.dist-info/METADATA"));
            zip.write("Metadata-Version: 2.1\nName: Text.Kit\nVersion: 1.2.0.dev0\n\nName: not the header\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("Text.Kit-1.2.0.dev0.dist-info/WHEEL"));
            zip.write("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py2-none-any\nTag: py3-none-any\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(WheelFile.fileNameFromMetadata(stored)).isEqualTo("text_kit-1.2.0.dev0-py2.py3-none-any.whl");
        Path other = Files.write(dir.resolve("not-a-wheel.whl"), new byte[] {1});
        assertThatThrownBy(() -> WheelFile.fileNameFromMetadata(other)).isInstanceOf(java.io.IOException.class);
    }
}
