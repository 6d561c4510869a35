package io.github.sparkwheel.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.process.ProcessResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipErrorsTest {

    private static ProcessResult failed(String... lines) {
        return new ProcessResult(1, List.of(), List.of(lines));
    }

    @Test
    void explain_missingDistributionWithOfflineMaven_namesItAndTheFix() {
        PipOptions options = new PipOptions();
        options.offline = true;
        assertThat(PipErrors.explain(failed("ERROR: No matching distribution found for pandas==2.1.0"), options))
                .hasMessageStartingWith("pandas==2.1.0 is not in the wheelhouse sources and Maven is offline: add it to "
                        + "<findLinks> (-Dpyspark.findLinks) or build online")
                .hasMessageContaining("pip exited with code 1; its last lines:");
    }

    @Test
    void explain_missingDistributionOnline_pointsAtTheIndexSettings() {
        assertThat(PipErrors.explain(failed("ERROR: No matching distribution found for nosuch"), new PipOptions()))
                .hasMessageStartingWith("pip found no distribution for nosuch: check its name and version, or perhaps "
                        + "you should set <indexUrl>");
    }

    @Test
    void explain_failedBuild_namesTheDistribution() {
        assertThat(PipErrors.explain(failed("  error: command '/usr/bin/gcc' failed with exit code 1",
                "  ERROR: Failed building wheel for fastsum"), new PipOptions()))
                .hasMessageStartingWith("Building a wheel for fastsum failed (a C extension that does not compile?");
        assertThat(PipErrors.explain(failed("ERROR: Could not build wheels for legacy, which is required"), new PipOptions()))
                .hasMessageStartingWith("Building a wheel for legacy failed");
    }

    @Test
    void explain_anythingElse_keepsPipsLastLines() {
        assertThat(PipErrors.explain(failed("ERROR: something new"), new PipOptions()))
                .hasMessageStartingWith("pip wheel failed: see its output above").hasMessageEndingWith("ERROR: something new");
    }
}
