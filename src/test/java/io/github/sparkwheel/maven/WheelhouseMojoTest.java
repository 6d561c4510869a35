package io.github.sparkwheel.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.wheelhouse.FakePythonRunner;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The Mojo's wiring: parameters reach the core, skip works, errors map to build failures. */
@MojoTest
class WheelhouseMojoTest {

    private static final String POM = "src/test/resources/unit/wheelhouse/pom.xml";
    private static final String OUT = "target/unit/wheelhouse";
    private static final String SRC = "src/test/resources/unit/wheelhouse/src/main/python";

    @Test
    @InjectMojo(goal = WheelhouseMojo.GOAL_NAME, pom = POM)
    @MojoParameter(name = "outputDirectory", value = OUT)
    @MojoParameter(name = "sourceDirectory", value = SRC)
    @MojoParameter(name = "finalName", value = "job-1")
    @MojoParameter(name = "attach", value = "false") // the harness's project stub has no main artifact; ITs attach
    @MojoParameter(name = "force", value = "true") // an earlier run's zip would be up to date
    @MojoParameter(name = "sbom", value = "false") // nor coordinates for the BOM's subject; ITs write it
    void execute_configurationReachesPip_andTheZipIsNamedByClassifier(WheelhouseMojo mojo) throws Exception {
        FakePythonRunner runner = new FakePythonRunner();
        mojo.processRunner = runner;
        mojo.execute();
        List<String> pip = runner.pipCalls.get(0);
        assertThat(pip).startsWith("python3", "-m", "pip", "wheel").contains("--no-index")
                .containsSequence("--find-links", "/opt/links");
        Path zip = new File(OUT, "job-1-wh.zip").toPath();
        assertThat(zip).isRegularFile();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertThat(new String(file.getInputStream(file.getEntry("runner.py")).readAllBytes(), UTF_8))
                    .contains("ENTRY_POINT = \"job:main\"");
        }
    }

    @Test
    @InjectMojo(goal = WheelhouseMojo.GOAL_NAME, pom = POM)
    @MojoParameter(name = "skipWheelhouse", value = "true")
    void execute_skipped_startsNothing(WheelhouseMojo mojo) throws Exception {
        FakePythonRunner runner = new FakePythonRunner();
        mojo.processRunner = runner;
        mojo.execute();
        assertThat(runner.pipCalls).isEmpty();
    }

    @Test
    @InjectMojo(goal = WheelhouseMojo.GOAL_NAME, pom = POM)
    @MojoParameter(name = "outputDirectory", value = OUT)
    @MojoParameter(name = "sourceDirectory", value = SRC)
    @MojoParameter(name = "entryPoint", value = "not valid!")
    void execute_userError_isAMojoFailure(WheelhouseMojo mojo) {
        mojo.processRunner = new FakePythonRunner();
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<entryPoint> or -Dpyspark.entryPoint");
    }
}
