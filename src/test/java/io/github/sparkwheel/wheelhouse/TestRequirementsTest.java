package io.github.sparkwheel.wheelhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRequirementsTest {

    @TempDir
    Path dir;

    private Path sources() throws Exception {
        return Files.createDirectories(dir.resolve("src/main/python"));
    }

    private Path tests() throws Exception {
        return Files.createDirectories(dir.resolve("src/test/python"));
    }

    @Test
    void theTestExtraOfPyproject() throws Exception {
        Files.writeString(sources().resolve("pyproject.toml"), "[project]\nname = \"job\"\n"
                + "[project.optional-dependencies]\ntest = [\"pytest>=7\", \"chispa==0.9\"]\ndocs = [\"sphinx\"]\n");
        TestRequirements found = TestRequirements.find(sources(), tests()).orElseThrow();
        assertThat(Files.readAllLines(found.writeTo(dir.resolve("work")))).containsExactly("pytest>=7", "chispa==0.9");
        assertThat(found.declaredIn()).startsWith("the test extra of ").endsWith("pyproject.toml");
    }

    @Test
    void thePep735TestGroup_withItsIncludedGroups() throws Exception {
        Files.writeString(sources().resolve("pyproject.toml"), "[project]\nname = \"job\"\n[dependency-groups]\n"
                + "lint = [\"ruff\"]\nbase = [\"pytest>=8\"]\ntest = [{include-group = \"base\"}, \"hypothesis\"]\n");
        TestRequirements found = TestRequirements.find(sources(), tests()).orElseThrow();
        assertThat(Files.readAllLines(found.writeTo(dir.resolve("work")))).containsExactly("pytest>=8", "hypothesis");
        assertThat(found.declaredIn()).startsWith("the test dependency group of ");
    }

    @Test
    void aGroupThatIncludesItself_fails() throws Exception {
        Files.writeString(sources().resolve("pyproject.toml"), "[dependency-groups]\n"
                + "test = [{include-group = \"more\"}]\nmore = [{include-group = \"test\"}]\n");
        assertThatThrownBy(() -> TestRequirements.find(sources(), tests())).isInstanceOf(UserError.class)
                .hasMessageContaining("includes the group test in itself");
    }

    @Test
    void aRequirementsTestTxtBesideTheTestsWins_overOneBesideTheSources() throws Exception {
        Files.writeString(sources().resolve("requirements-test.txt"), "nose\n");
        assertThat(TestRequirements.find(sources(), tests()).orElseThrow().writeTo(dir))
                .isEqualTo(sources().resolve("requirements-test.txt"));
        Files.writeString(tests().resolve("requirements-test.txt"), "pytest\n-r ../../main/python/requirements-test.txt\n");
        TestRequirements found = TestRequirements.find(sources(), tests()).orElseThrow();
        assertThat(found.writeTo(dir)).isEqualTo(tests().resolve("requirements-test.txt"));
        assertThat(found.baseDirectory(sources())).isEqualTo(tests().toAbsolutePath());
        assertThat(found.text()).contains("pytest");
    }

    @Test
    void none() throws Exception {
        Files.writeString(sources().resolve("pyproject.toml"), "[project]\nname = \"job\"\ndependencies = [\"six\"]\n");
        assertThat(TestRequirements.find(sources(), tests())).isEmpty();
        assertThat(TestRequirements.find(dir.resolve("missing"), dir.resolve("missing-too"))).isEmpty();
    }

    @Test
    void anEntryThatIsNoString_fails() throws Exception {
        Files.writeString(sources().resolve("pyproject.toml"), "[project.optional-dependencies]\ntest = [1]\n");
        assertThatThrownBy(() -> TestRequirements.find(sources(), tests())).isInstanceOf(UserError.class)
                .hasMessageContaining("every entry is a requirement string");
    }
}
