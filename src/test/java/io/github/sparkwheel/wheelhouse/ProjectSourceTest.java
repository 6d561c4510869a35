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
    void detect_aPyprojectThatIsNotToml_saysWhereAndWhat_notThatThereIsNoScript() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools\"\n\n[project]\n"
                + "name = \"clickstream\"\n");
        assertThatThrownBy(() -> ProjectSource.detect(dir, null, null)).isInstanceOf(UserError.class)
                .hasMessageStartingWith(dir.resolve("pyproject.toml") + " is not valid TOML: line 4, column 1: ")
                .hasMessageContaining("pip reads this file to build the job: fix it (see https://toml.io)")
                .hasMessageNotContaining("script");
    }

    @Test
    void detect_aSetupCfgSetuptoolsCannotRead_saysWhereAndWhat() throws Exception {
        Files.writeString(dir.resolve("setup.py"), "from setuptools import setup\nsetup()\n");
        Files.writeString(dir.resolve("setup.cfg"), "[metadata]\nname = legacy\nversion\n");
        assertThatThrownBy(() -> ProjectSource.detect(dir, null, null)).isInstanceOf(UserError.class)
                .hasMessage(dir.resolve("setup.cfg") + " cannot be read as setuptools reads it: line 3, column 1: expected "
                        + "'key = value', a [section] header, or a line indented deeper than its option to continue that "
                        + "option's value. pip reads this file to build the job: fix it");
        Files.writeString(dir.resolve("setup.cfg"), "name = legacy\n");
        assertThatThrownBy(() -> ProjectSource.detect(dir, null, null)).hasMessageContaining("line 1, column 1: expected a "
                + "[section] header before the first option");
        Files.writeString(dir.resolve("setup.cfg"), "[metadata]\nname = a\n  continued\n\n; comment\n[options]\n"
                + "install_requires =\n    six\n[metadata]\n");
        assertThatThrownBy(() -> ProjectSource.detect(dir, null, null)).hasMessageContaining("line 9, column 1: the "
                + "section [metadata] appears a second time");
        Files.writeString(dir.resolve("setup.cfg"), "[metadata]\nname = a\n  continued\n\n# comment\n[options]\n"
                + "install_requires =\n    six\n    numpy\n");
        assertThat(ProjectSource.detect(dir, null, null).projectName()).hasValue("a");
    }

    @Test
    void whereDeclared_namesTheTableOfTheConsoleScript() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"clickstream\"\n\n[project.scripts]\n"
                + "clickstream = \"clickstream.main:run\"\n");
        assertThat(ProjectSource.detect(dir, null, null).whereDeclared("clickstream"))
                .isEqualTo("the console script clickstream in [project.scripts] of pyproject.toml");
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
