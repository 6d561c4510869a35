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
                .hasMessageContaining("pip looked in no find-links only, and in no index (Maven is offline, -o)")
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
                .hasMessageStartingWith("Building a wheel for fastsum failed (a C extension that does not compile? a "
                        + "missing build dependency?):\n  error: command '/usr/bin/gcc' failed with exit code 1");
        assertThat(PipErrors.explain(failed("ERROR: Could not build wheels for legacy, which is required"), new PipOptions()))
                .hasMessageStartingWith("Building a wheel for legacy failed");
    }

    @Test
    void explain_anythingElse_keepsPipsLastLines_withoutPointingElsewhere() {
        assertThat(PipErrors.explain(failed("ERROR: something new", "╰─> See above for output."), new PipOptions()))
                .hasMessageStartingWith("pip wheel failed:\n  ERROR: something new").hasMessageEndingWith("ERROR: something new")
                .satisfies(e -> assertThat(e.getMessage().toLowerCase()).doesNotContain("see above"));
    }

    /** pip 23.2's console and debug log when the build environment's install fails (a pyproject job, mvn -o). */
    private static final List<String> BUILD_DEPS_CONSOLE = List.of("Looking in links: /w/links",
            "Processing /w/target/pyspark-wheelhouse/src", "  Installing build dependencies: started",
            "  error: subprocess-exited-with-error", "  × pip subprocess to install build dependencies did not run "
                    + "successfully.", "  │ exit code: 1", "  ╰─> See above for output.",
            "  note: This error originates from a subprocess, and is likely not a problem with pip.");
    private static final List<String> BUILD_DEPS_LOG = List.of(
            "2026-12-02T09:27:52,414 Looking in links: /w/links",
            "2026-12-02T09:27:52,421 Processing /w/target/pyspark-wheelhouse/src",
            "2026-12-02T09:27:52,424   Installing build dependencies: started",
            "2026-12-02T09:27:52,424   Running command pip subprocess to install build dependencies",
            "2026-12-02T09:27:52,835   Using pip 23.2.1 from /py/lib/python3.11/site-packages/pip (python 3.11)",
            "2026-12-02T09:27:53,464   Looking in links: /w/links",
            "2026-12-02T09:27:53,472   ERROR: Could not find a version that satisfies the requirement setuptools>=40.8 (from versions: none)",
            "2026-12-02T09:27:53,472   ERROR: No matching distribution found for setuptools>=40.8",
            "2026-12-02T09:27:53,705   ERROR: [present-rich] pip subprocess to install build dependencies exited with 1",
            "2026-12-02T09:27:53,711   Installing build dependencies: finished with status 'error'");

    @Test
    void explain_buildDependenciesMissingOffline_namesTheRequirementWherePipLookedAndTheFix() {
        PipOptions options = new PipOptions();
        options.offline = true;
        options.findLinks.add("/w/links");
        ProcessResult result = new ProcessResult(1, List.of(), BUILD_DEPS_CONSOLE);
        assertThat(PipErrors.explain(result, options, BUILD_DEPS_LOG, java.nio.file.Paths.get("/w/target/pip.log")))
                .hasMessageStartingWith("pip could not install the build dependencies of /w/target/pyspark-wheelhouse/src "
                        + "(what its pyproject.toml's [build-system] requires): setuptools>=40.8 was not found; pip looked "
                        + "in the find-links /w/links only, and in no index (Maven is offline, -o). Add its wheels "
                        + "(setuptools and wheel, for most projects) to a <findLinks> directory (-Dpyspark.findLinks), or "
                        + "build online:\n  ERROR: Could not find a version that satisfies the requirement setuptools>=40.8")
                .hasMessageContaining("\npip's log, all of it: /w/target/pip.log")
                .satisfies(e -> assertThat(e.getMessage().toLowerCase()).doesNotContain("see above"));
    }

    @Test
    void explain_aCompilerThatIsNotInstalled_saysSo() {
        List<String> log = List.of("Running command Building wheel for cx (pyproject.toml)", "running build_ext",
                "gcc-not-installed -Wsign-compare -fPIC -I/py/include/python3.11 -c cx.c -o build/cx.o",
                "error: command 'gcc-not-installed' failed: No such file or directory",
                "ERROR: [present-rich] Building wheel for cx (pyproject.toml) exited with 1");
        assertThat(PipErrors.explain(failed("  ERROR: Failed building wheel for cx"), new PipOptions(), log))
                .hasMessageStartingWith("Building a wheel for cx needs a C compiler, but 'gcc-not-installed' is not "
                        + "installed (or not on the PATH): install one (gcc, with the Python headers), set CC to one, or "
                        + "add a wheel of cx built elsewhere to <findLinks>");
    }

    @Test
    void explain_conflictingRequirements_sayWhatConflicts() {
        assertThat(PipErrors.explain(failed("ERROR: Cannot install -r r.txt (line 1) and -r r.txt (line 2) because these "
                + "package versions have conflicting dependencies.", "", "The conflict is caused by:",
                "    liba 1.0 depends on libc==1.0", "    libb 1.0 depends on libc==2.0", "",
                "To fix this you could try to:", "ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/"),
                new PipOptions()))
                .hasMessageStartingWith("The job's requirements conflict: Cannot install -r r.txt (line 1) and -r r.txt "
                        + "(line 2) because these package versions have conflicting dependencies. The conflict is caused "
                        + "by: liba 1.0 depends on libc==1.0; libb 1.0 depends on libc==2.0; Change the versions");
    }

    @Test
    void explain_aPackageForAnotherPython_namesBothPythons() {
        assertThat(PipErrors.explain(failed("ERROR: Package 'newpy' requires a different Python: 3.11.7 not in '>=3.12'"),
                new PipOptions())).hasMessageStartingWith("newpy requires Python >=3.12, but the wheelhouse is built with "
                        + "Python 3.11.7: build it with a Python that fits (<python>, -Dpyspark.python, or <pythonRuntime>");
    }

    @Test
    void explain_anIndexAnswering500OrAPageWithoutFiles_isTheIndexsFault() {
        List<String> five = List.of("Could not fetch URL http://i/simple/somepkg/: HTTPConnectionPool(host='i', port=80): "
                + "Max retries exceeded with url: /simple/somepkg/ (Caused by ResponseError('too many 500 error "
                + "responses')) - skipping");
        assertThat(PipErrors.explain(failed("ERROR: No matching distribution found for somepkg"), new PipOptions(), five))
                .hasMessageStartingWith("The package index failed: it answered HTTP 500 for http://i/simple/somepkg/, on "
                        + "every retry. The index is broken or overloaded, not your build");
        List<String> garbage = List.of("Fetched page http://i/simple/somepkg/ as text/html",
                "Skipping link: not a file: http://i/simple/somepkg/",
                "Given no hashes to check 0 links for project 'somepkg': discarding no candidates");
        assertThat(PipErrors.explain(failed("ERROR: No matching distribution found for somepkg"), new PipOptions(), garbage))
                .hasMessageStartingWith("The package index answered for somepkg with a page that lists no files "
                        + "(http://i/simple/somepkg/): is <indexUrl> (-Dpyspark.indexUrl) the index's PEP 503 'simple' URL");
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

    @Test
    void explain_aFileWhoseHashTheLockDoesNotAllow_namesTheFileBothHashesAndTheFix() {
        String expected = "0".repeat(64);
        String got = "9".repeat(64);
        assertThat(PipErrors.explain(failed(
                "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated the "
                        + "package versions, please update the hashes. Otherwise, examine the package contents carefully; "
                        + "someone may have tampered with them.",
                "    dep==0.2.1 from file:///w/wheels/dep-0.2.1-py3-none-any.whl (from -r locked-requirements.txt (line 1)):",
                "        Expected sha256 " + expected,
                "             Got        " + got), new PipOptions()))
                .hasMessageStartingWith("The file pip found for dep 0.2.1 (file:///w/wheels/dep-0.2.1-py3-none-any.whl) "
                        + "has sha256 " + got + ", which the lock does not allow (it allows " + expected + ")")
                .hasMessageContaining("update the lock (mvn pyspark:lock -Dpyspark.lock.upgrade=dep");
    }
}
