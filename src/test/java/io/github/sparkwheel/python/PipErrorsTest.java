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

    private static final String NOT_FOUND = "ERROR: No matching distribution found for privlib";

    @Test
    void explain_anIndexThatAnswered401InPipsLog_isAboutCredentials_notAMissingDistribution() {
        List<String> log = List.of("Fetching project page and analyzing links: http://127.0.0.1:4/simple/privlib/",
                "Could not fetch URL http://127.0.0.1:4/simple/privlib/: 401 Client Error: Unauthorized for url: "
                        + "http://127.0.0.1:4/simple/privlib/ - skipping");
        assertThat(PipErrors.explain(failed(NOT_FOUND), new PipOptions(), log))
                .hasMessageStartingWith("The package index refused pip's credentials (HTTP 401 for "
                        + "http://127.0.0.1:4/simple/privlib/): perhaps you should set <indexServerId> (-Dpyspark.indexServerId)");
        List<String> proxy = List.of("Could not fetch URL http://i/simple/privlib/: 407 Client Error: Proxy Authentication "
                + "Required for url: http://i/simple/privlib/ - skipping");
        assertThat(PipErrors.explain(failed(NOT_FOUND), new PipOptions(), proxy))
                .hasMessageStartingWith("The proxy refused pip (HTTP 407");
        List<String> missing = List.of("Could not fetch URL http://i/simple/privlib/: 404 Client Error: Not Found for url");
        assertThat(PipErrors.explain(failed(NOT_FOUND), new PipOptions(), missing))
                .hasMessageStartingWith("pip found no distribution for privlib");
    }

    @Test
    void explain_anUnreachableIndexOrProxy_saysSo_namingTheIndex() {
        assertThat(PipErrors.explain(failed("Looking in indexes: http://127.0.0.1:9/simple",
                "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection "
                        + "broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPConnection object at 0x7f>: Failed "
                        + "to establish a new connection: [Errno 111] Connection refused')': /simple/setuptools/",
                "ERROR: No matching distribution found for setuptools>=61"), new PipOptions()))
                .hasMessageStartingWith("The package index http://127.0.0.1:9/simple could not be reached (connection "
                        + "refused): check <indexUrl> (-Dpyspark.indexUrl)");
        assertThat(PipErrors.explain(failed("WARNING: Retrying (Retry(total=0)) after connection broken by "
                + "'ProxyError('Cannot connect to proxy.', NewConnectionError('x: Failed to establish a new connection: "
                + "[Errno 111] Connection refused'))': /simple/privlib/", NOT_FOUND), new PipOptions()))
                .hasMessageStartingWith("pip could not reach its proxy: check the <host> and <port> of the active <proxy>");
    }
}
