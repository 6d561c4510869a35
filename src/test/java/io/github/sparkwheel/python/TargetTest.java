package io.github.sparkwheel.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void pipArguments_fetchBinaryWheelsForThePythonAndEveryManylinuxTheNodeRuns() throws Exception {
        Target target = Target.of("3.10", List.of("manylinux_2_28_aarch64"));
        List<String> args = target.pipArguments();
        assertThat(args).startsWith("--only-binary=:all:", "--platform", "manylinux_2_28_aarch64")
                .endsWith("--python-version", "3.10", "--implementation", "cp", "--abi", "cp310")
                .containsSequence("--platform", "manylinux2014_aarch64").containsSequence("--platform", "manylinux1_aarch64")
                .doesNotContain("manylinux_2_29_aarch64", "manylinux2014_x86_64");
        assertThat(target.tag()).isEqualTo("cp310-cp310-manylinux_2_28_aarch64");
        assertThat(target.describe()).isEqualTo("CPython 3.10 on manylinux_2_28_aarch64");
    }

    @Test
    void accepts_asPipWouldOnSuchANode() throws Exception {
        Target target = Target.of("cp310", List.of("manylinux2014_aarch64"));
        assertThat(target.accepts("py3-none-any")).isTrue();
        assertThat(target.accepts("py2.py3-none-any")).isTrue();
        assertThat(target.accepts("cp310-cp310-manylinux2014_aarch64")).isTrue();
        assertThat(target.accepts("cp310-cp310-manylinux_2_17_aarch64.manylinux2014_aarch64")).isTrue();
        assertThat(target.accepts("cp38-abi3-manylinux2010_aarch64")).isTrue(); // the stable ABI of an older Python
        assertThat(target.accepts("cp311-cp311-manylinux2014_aarch64")).isFalse();
        assertThat(target.accepts("cp310-cp310-manylinux_2_28_aarch64")).isFalse(); // needs a newer glibc
        assertThat(target.accepts("cp310-cp310-manylinux2014_x86_64")).isFalse();
        assertThat(target.accepts("cp311-cp311-linux_x86_64")).isFalse();
    }

    @Test
    void of_badValues_sayWhatToWrite() {
        assertThatThrownBy(() -> Target.of("three", List.of("manylinux2014_x86_64"))).isInstanceOf(UserError.class)
                .hasMessageContaining("<targetPython> 'three' is not a Python version: write it as 3.10");
        assertThatThrownBy(() -> Target.of("3.10", List.of())).isInstanceOf(UserError.class)
                .hasMessageContaining("needs <targetPlatforms> too");
        assertThatThrownBy(() -> Target.of("3.10", List.of("many linux!"))).isInstanceOf(UserError.class)
                .hasMessageContaining("is not a platform tag");
        assertThat(Target.linuxArch("manylinux_2_28_aarch64")).isEqualTo("aarch64");
        assertThat(Target.linuxArch("manylinux2014_x86_64")).isEqualTo("x86_64");
        assertThat(Target.linuxArch("macosx_14_0_arm64")).isNull();
    }
}
