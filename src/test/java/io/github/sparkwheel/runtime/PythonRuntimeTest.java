package io.github.sparkwheel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonRuntimeTest {

    private static PythonRuntime py312() throws UserError {
        return new PythonRuntime(RuntimeCoordinates.parse("org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64"),
                "ab".repeat(32), Paths.get("/cache/abab"), "3.12", "2.30", "x86_64");
    }

    @Test
    void coordinates_areParsedAsMavenWritesThem() throws Exception {
        assertThat(RuntimeCoordinates.parse("org.bytedeco:cpython:3.11.3-1.5.9").toString())
                .isEqualTo("org.bytedeco:cpython:3.11.3-1.5.9:jar");
        RuntimeCoordinates pbs = RuntimeCoordinates.parse(" com.example:cpython:3.12.7:tar.gz:x86_64-linux-install_only ");
        assertThat(pbs.extension()).isEqualTo("tar.gz");
        assertThat(pbs.classifier()).isEqualTo("x86_64-linux-install_only");
        assertThat(pbs.fileStem()).isEqualTo("cpython-3.12.7-x86_64-linux-install_only");
        for (String bad : new String[] {"cpython", "org.bytedeco:cpython", "a:b:c:d:e:f", "a::c", "a:b :c"}) {
            assertThatThrownBy(() -> RuntimeCoordinates.parse(bad)).as(bad).isInstanceOf(UserError.class)
                    .hasMessageContaining("is not Maven coordinates: write them as groupId:artifactId:version[:extension"
                            + "[:classifier]]").hasMessageContaining("-Dpyspark.pythonRuntime");
        }
    }

    @Test
    void checkTarget_theRuntimeIsTheTarget_aManylinuxOlderThanItsGlibcIsRefused() throws Exception {
        PythonRuntime runtime = py312();
        runtime.checkTarget(null, List.of());
        runtime.checkTarget("3.12", List.of("manylinux_2_31_x86_64", "linux_x86_64"));
        assertThatThrownBy(() -> runtime.checkTarget("3.10", List.of())).isInstanceOf(UserError.class)
                .hasMessageStartingWith("<targetPython> 3.10 is not the Python of <pythonRuntime> "
                        + "org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64 (CPython 3.12, glibc 2.30+, x86_64)");
        assertThatThrownBy(() -> runtime.checkTarget(null, List.of("manylinux2014_x86_64"))).isInstanceOf(UserError.class)
                .hasMessageStartingWith("<targetPlatforms> manylinux2014_x86_64 stands for nodes with glibc 2.17, but the "
                        + "Python runtime org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64 (CPython 3.12, glibc 2.30+, "
                        + "x86_64) needs glibc 2.30: choose a runtime built for older systems")
                .hasMessageContaining("manylinux_2_30_x86_64");
        assertThatThrownBy(() -> runtime.checkTarget(null, List.of("manylinux2014_aarch64"))).isInstanceOf(UserError.class)
                .hasMessageContaining("is not a Linux platform of the machine the Python runtime").hasMessageContaining("aarch64");
        assertThatThrownBy(() -> runtime.checkTarget(null, List.of("macosx_11_0_arm64"))).isInstanceOf(UserError.class)
                .hasMessageContaining("manylinux2014_x86_64");
    }

    @Test
    void manifestEntry_namesWhatASubmissionResolvesAgain() throws Exception {
        assertThat(py312().manifestEntry()).containsEntry("coordinates", "org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64")
                .containsEntry("sha256", "ab".repeat(32)).containsEntry("python", "3.12").containsEntry("glibc", "2.30")
                .containsEntry("machine", "x86_64");
        assertThat(py312().marker()).startsWith("id=abababababababab\n"); // bootstrap/python reads the first line alone
    }
}
