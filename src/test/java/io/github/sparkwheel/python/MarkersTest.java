package io.github.sparkwheel.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkersTest {

    private static Markers.Environment linux311() {
        PythonInfo info = new PythonInfo();
        info.implementation = "cpython";
        info.version = "3.11.7";
        info.versionInfo = List.of(3, 11);
        info.platform = "linux-x86_64";
        info.tag = "cp311-cp311-manylinux_2_36_x86_64";
        return Markers.of(info);
    }

    @Test
    void evaluate_forThisMachine() throws UserError {
        Markers.Environment env = linux311();
        assertThat(Markers.evaluate("python_version >= \"3.9\" and sys_platform == 'linux'", env)).isTrue();
        assertThat(Markers.evaluate("python_version < '3.10' or platform_machine == 'aarch64'", env)).isFalse();
        assertThat(Markers.evaluate("(os_name == 'nt' or platform_system == 'Linux') and python_full_version >= '3.11.5'",
                env)).isTrue();
        assertThat(Markers.evaluate("'linux' in sys_platform", env)).isTrue();
        assertThat(Markers.evaluate("platform_python_implementation != 'CPython'", env)).isFalse();
        assertThat(Markers.evaluate("platform_release >= '5.4'", env)).as("not known for a target: no match").isFalse();
        assertThat(Markers.evaluate(null, env)).isTrue();
        assertThat(env.describe()).isEqualTo("python_version == \"3.11\" and sys_platform == \"linux\" and "
                + "platform_machine == \"x86_64\"");
    }

    @Test
    void evaluate_forATarget_notTheMachineThatBuilds() throws UserError {
        Markers.Environment arm = Markers.of(Target.of("3.10", List.of("manylinux2014_aarch64")));
        assertThat(Markers.evaluate("platform_machine == 'aarch64' and python_version == '3.10'", arm)).isTrue();
        assertThat(Markers.evaluate("platform_machine == 'x86_64'", arm)).isFalse();
        assertThat(Markers.evaluate("python_version >= '3.11'", arm)).isFalse();
    }

    @Test
    void evaluate_extras_andPep751sSets() throws UserError {
        Markers.Environment env = linux311();
        assertThat(Markers.evaluate("extra == 'sql'", env)).isFalse();
        assertThat(Markers.evaluate("extra == 'SQL'", env.withExtras(List.of("sql")))).isTrue();
        assertThat(Markers.evaluate("'sql' in extras", env.withExtras(List.of("sql")))).isTrue();
        assertThat(Markers.evaluate("'dev' not in dependency_groups", env.withGroups(List.of("default")))).isTrue();
        assertThat(Markers.evaluate("'dev' in dependency_groups", env.withGroups(List.of("dev")))).isTrue();
    }

    @Test
    void evaluate_aMarkerThatIsNotPep508_isAUserErrorNamingIt() {
        assertThatThrownBy(() -> Markers.evaluate("python_version >= ", linux311()))
                .isInstanceOf(UserError.class).hasMessageContaining("'python_version >= ' is not PEP 508");
        assertThatThrownBy(() -> Markers.evaluate("(sys_platform == 'linux'", linux311()))
                .hasMessageContaining("not closed");
    }

    @Test
    void requirement_parsesPep508() throws UserError {
        Requirement r = Requirement.parse("Pandas[SQL, performance] >=2.0, <3 ; python_version >= '3.9'");
        assertThat(r.name()).isEqualTo("pandas");
        assertThat(r.extras()).containsExactly("SQL", "performance");
        assertThat(r.specifiers()).isEqualTo(">=2.0, <3");
        assertThat(r.allows("2.2.1")).isTrue();
        assertThat(r.allows("3.0")).isFalse();
        assertThat(r.appliesTo(linux311())).isTrue();
        assertThat(Requirement.parse("six (>=1.10)").specifiers()).isEqualTo(">=1.10");
        Requirement url = Requirement.parse("textkit @ file:///tmp/textkit-1.0-py3-none-any.whl ; os_name == 'nt'");
        assertThat(url.url()).isEqualTo("file:///tmp/textkit-1.0-py3-none-any.whl");
        assertThat(url.appliesTo(linux311())).isFalse();
    }
}
