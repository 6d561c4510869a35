package io.github.sparkwheel.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.process.SecretMasker;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipEnvironmentTest {

    private static PipOptions withProxies(ProxySettings... proxies) {
        PipOptions o = new PipOptions();
        o.proxies.addAll(java.util.List.of(proxies));
        return o;
    }

    @Test
    void proxies_oneHttpProxy_servesBothSchemes_withCredentialsEncodedAndMasked() throws Exception {
        PipEnvironment env = PipEnvironment.of(withProxies(new ProxySettings("corp", "http", "proxy.corp", 3128, "ana",
                "pa:ss", "*.corp.example|localhost|10.*")), Map.of());
        assertThat(env.variables()).containsEntry("HTTP_PROXY", "http://ana:pa%3Ass@proxy.corp:3128")
                .containsEntry("https_proxy", "http://ana:pa%3Ass@proxy.corp:3128")
                .containsEntry("NO_PROXY", ".corp.example,localhost").containsEntry("no_proxy", ".corp.example,localhost");
        SecretMasker masker = new SecretMasker(env.secrets());
        assertThat(masker.mask(String.join("\n", env.notes()))).doesNotContain("pa%3Ass", "pa:ss")
                .contains("pip's https proxy: http://ana:*****@proxy.corp:3128 (settings.xml <proxy> corp)")
                .contains("'10.*' has a wildcard pip's NO_PROXY cannot express");
    }

    @Test
    void proxies_theProtocolsOwnProxyWins_andTheUsersVariablesAreLeftAlone() throws Exception {
        PipEnvironment env = PipEnvironment.of(withProxies(
                new ProxySettings("plain", "http", "p1", 8080, null, null, null),
                new ProxySettings("secure", "https", "p2", 8443, null, null, null)), Map.of("https_proxy", "http://mine:1"));
        assertThat(env.variables()).containsEntry("HTTP_PROXY", "http://p1:8080").doesNotContainKeys("HTTPS_PROXY",
                "https_proxy", "NO_PROXY");
        assertThat(env.notes()).contains("pip's https proxy: HTTPS_PROXY as you set it (settings.xml's proxy not used)");

        PipEnvironment both = PipEnvironment.of(withProxies(
                new ProxySettings("plain", "http", "p1", 8080, null, null, null),
                new ProxySettings("secure", "https", "p2", 8443, null, null, null)), Map.of());
        assertThat(both.variables()).containsEntry("HTTP_PROXY", "http://p1:8080").containsEntry("HTTPS_PROXY", "http://p2:8443");
    }

    @Test
    void indexes_offline_giveNoUrls_andNoProxiesWithoutSettings() throws Exception {
        PipOptions o = new PipOptions();
        o.indexUrl = "https://nexus/simple";
        o.offline = true;
        assertThat(PipEnvironment.of(o, Map.of()).variables()).isEmpty();
    }

    @Test
    void indexes_aPasswordWrittenInTheUrl_isStillMasked() throws Exception {
        PipOptions o = new PipOptions();
        o.indexUrl = "https://deploy:s3cr3t@pypi.corp/simple";
        PipEnvironment env = PipEnvironment.of(o, Map.of());
        assertThat(env.variables()).containsEntry("PIP_INDEX_URL", "https://deploy:s3cr3t@pypi.corp/simple");
        assertThat(new SecretMasker(env.secrets()).mask("s3cr3t")).isEqualTo(SecretMasker.MASK);
    }
}
