package io.github.sparkwheel.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.python.Credentials;
import io.github.sparkwheel.python.ProxySettings;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

class ParameterValuesAndSettingsTest {

    private final List<String> warnings = new ArrayList<>();
    private final ParameterValues values = new ParameterValues(new SystemStreamLog() {
        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
        }
    });

    @Test
    void strings_anUnsetPropertysEntry_isDroppedWithAWarning_notANullPointerException() {
        List<String> links = Arrays.asList("/opt/wheels", null, " ", "${env.WHEELS}", " ./libs ");
        assertThat(values.strings(links, "<findLinks>")).containsExactly("/opt/wheels", "./libs");
        assertThat(values.strings(null, "<findLinks>")).isEmpty();
        assertThat(values.files(Arrays.asList(new File("c.txt"), null), "<constraints>")).containsExactly(new File("c.txt"));
        assertThat(warnings).containsExactly("Ignoring an empty entry of <findLinks> (a property that is not set?)",
                "Ignoring an empty entry of <findLinks> (a property that is not set?)",
                "Ignoring the entry '${env.WHEELS}' of <findLinks>: it names a property that is not set",
                "Ignoring an empty entry of <constraints> (a property that is not set?)");
    }

    @Test
    void map_anEmptyValueIsKept_aMissingOneDropped() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NO_PROXY", "");
        env.put("TOKEN", null);
        assertThat(values.map(env, "<environmentVariables>")).containsOnlyKeys("NO_PROXY");
        assertThat(values.string("  ", "<indexUrl>")).isNull();
        assertThat(warnings).hasSize(1).allMatch(w -> w.contains("<environmentVariables> <TOKEN>"));
    }

    /** Decrypts by dropping a "{enc}" prefix, as a stand-in for Maven's cipher. */
    private static final SettingsDecrypter DECRYPTER = request -> new SettingsDecryptionResult() {
        @Override
        public Server getServer() {
            Server server = request.getServers().get(0).clone();
            server.setPassword(server.getPassword() == null ? null : server.getPassword().replace("{enc}", ""));
            return server;
        }

        @Override
        public List<Server> getServers() {
            return List.of(getServer());
        }

        @Override
        public Proxy getProxy() {
            Proxy proxy = request.getProxies().get(0).clone();
            proxy.setPassword(proxy.getPassword().replace("{enc}", ""));
            return proxy;
        }

        @Override
        public List<Proxy> getProxies() {
            return List.of(getProxy());
        }

        @Override
        public List<org.apache.maven.settings.building.SettingsProblem> getProblems() {
            return List.of();
        }
    };

    @Test
    void credentials_ofANamedServer_decrypted_andAMissingServerSaysWhatToDo() throws Exception {
        Settings settings = new Settings();
        Server server = new Server();
        server.setId("corp-pypi");
        server.setUsername("ana");
        server.setPassword("{enc}s3cret");
        settings.addServer(server);
        Credentials credentials = MavenSettings.credentials(settings, DECRYPTER, "corp-pypi", "<indexServerId>");
        assertThat(credentials.username()).isEqualTo("ana");
        assertThat(credentials.password()).isEqualTo("s3cret");
        assertThat(credentials.toString()).isEqualTo("<server> corp-pypi").doesNotContain("s3cret");
        assertThatThrownBy(() -> MavenSettings.credentials(settings, DECRYPTER, "nexus", "<indexServerId> or -Dpyspark.indexServerId"))
                .isInstanceOf(UserError.class)
                .hasMessage("No <server> with the id 'nexus' in Maven's settings.xml (~/.m2/settings.xml or the one given "
                        + "with -s): add one with the index's <username> and <password>, or perhaps you should fix "
                        + "<indexServerId> or -Dpyspark.indexServerId");
    }

    @Test
    void activeProxies_onlyTheActiveOnes_decrypted() throws Exception {
        Settings settings = new Settings();
        Proxy on = new Proxy();
        on.setId("corp");
        on.setHost("proxy.corp");
        on.setPort(3128);
        on.setUsername("ana");
        on.setPassword("{enc}pw");
        on.setNonProxyHosts("*.corp|localhost");
        Proxy off = on.clone();
        off.setId("home");
        off.setActive(false);
        settings.addProxy(off);
        settings.addProxy(on);
        List<ProxySettings> proxies = MavenSettings.activeProxies(settings, DECRYPTER);
        assertThat(proxies).hasSize(1);
        assertThat(proxies.get(0).id).isEqualTo("corp");
        assertThat(proxies.get(0).password).isEqualTo("pw");
        assertThat(proxies.get(0).protocol).isEqualTo("http");
        assertThat(proxies.get(0).nonProxyHosts).isEqualTo("*.corp|localhost");
    }
}
