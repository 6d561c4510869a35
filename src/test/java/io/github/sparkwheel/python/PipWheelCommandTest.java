package io.github.sparkwheel.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.process.SecretMasker;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipWheelCommandTest {

    private static final Path OUT = Paths.get("/w");

    @Test
    void arguments_defaults_letPipConfigDecideTheIndex() {
        List<String> args = new PipWheelCommand("python3", new PipOptions()).arguments(OUT, List.of(), List.of("/src"));
        assertThat(args).containsExactly("python3", "-m", "pip", "wheel", "--wheel-dir", "/w", "--no-input",
                "--progress-bar", "off", "--disable-pip-version-check", "/src");
    }

    @Test
    void arguments_everyOptionInOrder_andTheIndexesOnlyInPipsEnvironment() throws Exception {
        PipOptions o = new PipOptions();
        o.indexUrl = "https://mirror/simple";
        o.extraIndexUrls.add("https://extra/simple");
        o.findLinks.add("/links");
        o.trustedHosts.add("mirror");
        o.constraints.add(Paths.get("/c.txt"));
        o.extraArgs.add("--prefer-binary");
        List<String> args = new PipWheelCommand("py", o).arguments(OUT, List.of(Paths.get("/r.txt")), List.of("/src", "/x.whl"));
        assertThat(args.subList(10, args.size())).containsExactly("--find-links", "/links", "--trusted-host", "mirror",
                "--constraint", "/c.txt", "--prefer-binary", "--requirement", "/r.txt", "/src", "/x.whl");
        ProcessSpec spec = new PipWheelCommand("py", o).spec(args, OUT, null, 315532802L);
        assertThat(spec.environment()).containsEntry("PIP_INDEX_URL", "https://mirror/simple")
                .containsEntry("PIP_EXTRA_INDEX_URL", "https://extra/simple");
    }

    @Test
    void spec_aServersCredentials_goToAPrivateNetrc_andNeverIntoAUrlOrTheCommandLine() throws Exception {
        PipOptions o = new PipOptions();
        o.tempDirectory = Paths.get("/m/target/pyspark-wheelhouse/tmp");
        o.indexUrl = "https://nexus.corp/repository/pypi/simple";
        o.extraIndexUrls.add("https://other.corp/simple");
        o.credentials.put(o.indexUrl, new Credentials("ana", "p@ss:w/rd!", "<server> corp-pypi"));
        o.credentials.put("https://other.corp/simple", new Credentials(null, "tok3n", "<server> other"));
        PipWheelCommand command = new PipWheelCommand("py", o);
        List<String> args = command.arguments(OUT, List.of(), List.of("/src"));
        ProcessSpec spec = command.spec(args, OUT, null, 315532802L);
        assertThat(String.join(" ", args)).doesNotContain("nexus", "p@ss", "tok3n");
        assertThat(spec.environment()).containsEntry("PIP_INDEX_URL", "https://nexus.corp/repository/pypi/simple")
                .containsEntry("NETRC", "/m/target/pyspark-wheelhouse/tmp/netrc")
                // a token without a user name cannot go into netrc: the URL in pip's environment carries it
                .containsEntry("PIP_EXTRA_INDEX_URL", "https://tok3n@other.corp/simple");
        assertThat(command.network().netrcContent()).isEqualTo("machine nexus.corp login ana password p@ss:w/rd!\n");
        SecretMasker masker = new SecretMasker(spec.secrets());
        assertThat(masker.mask(String.join(" ", spec.environment().values()) + " p@ss:w/rd! " + String.join(" ",
                command.network().notes()))).doesNotContain("p@ss", "tok3n");
        assertThat(o.describe()).doesNotContain("ana", "p@ss"); // nor in the up-to-date state on disk
    }

    @Test
    void spec_aPasswordNetrcCannotHold_goesIntoTheEnvironmentsUrl_encoded_andSaysSo() throws Exception {
        PipOptions o = new PipOptions();
        o.tempDirectory = Paths.get("/t");
        o.indexUrl = "https://nexus.corp/simple";
        o.credentials.put(o.indexUrl, new Credentials("ana", "two words", "<server> corp-pypi"));
        PipWheelCommand command = new PipWheelCommand("py", o);
        ProcessSpec spec = command.spec(List.of("py"), OUT, null, 1L);
        assertThat(spec.environment()).containsEntry("PIP_INDEX_URL", "https://ana:two%20words@nexus.corp/simple")
                .doesNotContainKey("NETRC");
        assertThat(command.network().notes()).anyMatch(n -> n.contains("a user name or password with spaces"));
    }

    @Test
    void spec_credentialsAndAUrlWithItsOwn_isAUserError() {
        PipOptions o = new PipOptions();
        o.indexUrl = "https://bob:old@nexus.corp/simple";
        o.credentials.put(o.indexUrl, new Credentials("ana", "secret", "<server> corp-pypi"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PipWheelCommand("py", o).spec(List.of("py"), OUT, null, 1L))
                .isInstanceOf(io.github.sparkwheel.UserError.class)
                .hasMessageContaining("has credentials in it and <server> corp-pypi gives others")
                .hasMessageNotContaining("old");
    }

    @Test
    void arguments_usePep517_buildsEveryProjectInIsolation() {
        PipOptions o = new PipOptions();
        o.usePep517 = true;
        assertThat(new PipWheelCommand("python3", o).arguments(OUT, List.of(), List.of("/src"))).contains("--use-pep517");
        assertThat(new PipWheelCommand("python3", new PipOptions()).arguments(OUT, List.of(), List.of("/src")))
                .doesNotContain("--use-pep517");
        assertThat(o.describe()).isNotEqualTo(new PipOptions().describe()); // the up-to-date check sees it
    }

    @Test
    void arguments_withOfflineMaven_addsNoIndexAndDropsIndexes() {
        PipOptions o = new PipOptions();
        o.offline = true;
        o.indexUrl = "https://mirror/simple";
        o.extraIndexUrls.add("https://extra/simple");
        o.findLinks.add("/links");
        List<String> args = new PipWheelCommand("py", o).arguments(OUT, List.of(), List.of("/src"));
        assertThat(args).contains("--no-index", "--find-links", "/links")
                .doesNotContain("--index-url", "--extra-index-url", "https://mirror/simple");
    }

    @Test
    void spec_isolated_removesPipVariablesAndConfig_andMasksSecretValues() throws Exception {
        PipOptions o = new PipOptions();
        o.isolated = true;
        o.environment.put("PIP_INDEX_PASSWORD", "hunter22");
        o.environment.put("LANG", "C.UTF-8");
        ProcessSpec spec = new PipWheelCommand("py", o).spec(List.of("py"), OUT, Duration.ofSeconds(5), 315532802L);
        assertThat(spec.removedVariablePrefixes()).containsExactly("PIP_");
        assertThat(spec.environment()).containsEntry("PIP_CONFIG_FILE", "/dev/null")
                .containsEntry("SOURCE_DATE_EPOCH", "315532802").containsEntry("LANG", "C.UTF-8")
                .containsEntry("PIP_INDEX_PASSWORD", "hunter22");
        assertThat(spec.secrets()).containsExactly("hunter22");
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void spec_notIsolated_keepsTheUsersPipConfiguration() throws Exception {
        ProcessSpec spec = new PipWheelCommand("py", new PipOptions()).spec(List.of("py"), OUT, null, 315532802L);
        assertThat(spec.removedVariablePrefixes()).isEmpty();
        assertThat(spec.environment()).doesNotContainKey("PIP_CONFIG_FILE");
    }

    @Test
    void spec_ownCacheAndTemporaryDirectory_goToPipsEnvironment_andNotIntoTheFingerprint() throws Exception {
        PipOptions o = new PipOptions();
        String before = o.describe();
        ProcessSpec plain = new PipWheelCommand("py", o).spec(List.of("py"), OUT, null, 315532802L);
        assertThat(plain.environment()).doesNotContainKeys("PIP_CACHE_DIR", "TMPDIR");

        o.cacheDirectory = Paths.get("/m/target/pyspark-pip-cache");
        o.tempDirectory = Paths.get("/m/target/pyspark-wheelhouse/tmp");
        PipOptions copy = o.copy();
        ProcessSpec spec = new PipWheelCommand("py", copy).spec(List.of("py"), OUT, null, 315532802L);
        assertThat(spec.environment()).containsEntry("PIP_CACHE_DIR", "/m/target/pyspark-pip-cache")
                .containsEntry("TMPDIR", "/m/target/pyspark-wheelhouse/tmp")
                .containsEntry("TEMP", "/m/target/pyspark-wheelhouse/tmp");
        assertThat(copy.describe()).isEqualTo(before); // a parallel build does not make the wheelhouse stale
    }
}
