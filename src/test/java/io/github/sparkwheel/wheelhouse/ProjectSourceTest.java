package io.github.sparkwheel.wheelhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectSourceTest {

    @TempDir
    Path dir;

    @Test
    void detect_pyprojectWithProjectTable_isAPackageWithItsName() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system]\nrequires=[]\n\n[project]\n# the name\nname = \"My_Job\"  # comment\nversion='1'\n");
        ProjectSource source = ProjectSource.detect(dir, null, null);
        assertThat(source.kind()).isEqualTo(ProjectSource.Kind.PACKAGE);
        assertThat(source.projectName()).hasValue("My_Job");
        assertThat(source.requirements()).isEmpty();
    }

    @Test
    void detect_setupPyWithRequirements_readsNameFromSetupPy() throws Exception {
        Files.writeString(dir.resolve("setup.py"), "from setuptools import setup\nsetup(\n    name='legacy-job', version='1')\n");
        Files.writeString(dir.resolve("requirements.txt"), "six\n");
        ProjectSource source = ProjectSource.detect(dir, null, null);
        assertThat(source.kind()).isEqualTo(ProjectSource.Kind.PACKAGE);
        assertThat(source.projectName()).hasValue("legacy-job");
        assertThat(source.requirements()).hasValue(dir.resolve("requirements.txt"));
    }

    @Test
    void detect_poetryAndSetupCfgNames() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.poetry]\nname = \"poetic\"\n");
        assertThat(ProjectSource.detect(dir, null, null).projectName()).hasValue("poetic");
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system]\nrequires = ['setuptools']\n");
        Files.writeString(dir.resolve("setup.cfg"), "[metadata]\nname = cfg-job\n");
        assertThat(ProjectSource.detect(dir, null, null).projectName()).hasValue("cfg-job");
    }

    @Test
    void detect_pyprojectWithToolConfigOnly_andRequirements_isAScriptJob() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.black]\nline-length = 100\n");
        Files.writeString(dir.resolve("requirements.txt"), "six\n");
        Files.writeString(dir.resolve("job.py"), "print(1)\n");
        ProjectSource source = ProjectSource.detect(dir, null, null);
        assertThat(source.kind()).isEqualTo(ProjectSource.Kind.SCRIPT);
        assertThat(source.script()).hasValue(dir.resolve("job.py"));
    }

    @Test
    void detect_scriptJobWithTwoScripts_asksForScript() throws Exception {
        Files.writeString(dir.resolve("requirements.txt"), "six\n");
        Files.writeString(dir.resolve("a.py"), "");
        Files.writeString(dir.resolve("b.py"), "");
        assertThatThrownBy(() -> ProjectSource.detect(dir, null, null)).isInstanceOf(UserError.class)
                .hasMessageContaining("holds 2 *.py files [a.py, b.py], perhaps you should set <script> or -Dpyspark.script");
        assertThat(ProjectSource.detect(dir, null, Paths.get("b.py")).script()).hasValue(dir.resolve("b.py"));
    }

    @Test
    void detect_emptyDirectory_namesWhatIsMissingAndTheFix() {
        assertThatThrownBy(() -> ProjectSource.detect(dir, null, null)).isInstanceOf(UserError.class)
                .hasMessage("No Python project found in " + dir + " (no pyproject.toml, setup.py or requirements.txt), "
                        + "perhaps you should set <sourceDirectory> or -Dpyspark.sourceDirectory");
    }

    @Test
    void detect_missingDirectoryOrRequirementsFile() {
        assertThatThrownBy(() -> ProjectSource.detect(dir.resolve("nope"), null, null))
                .hasMessageContaining("does not exist, perhaps you should set <sourceDirectory>");
        assertThatThrownBy(() -> ProjectSource.detect(dir, dir.resolve("reqs.txt"), null))
                .hasMessageContaining("<requirementsFile> or -Dpyspark.requirementsFile");
    }
}
