package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.python.Credentials;
import io.github.sparkwheel.python.ProxySettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Reads what pip needs from Maven's settings.xml: a server's credentials and the active proxies, decrypted. */
final class MavenSettings {

    private MavenSettings() {}

    static Credentials credentials(Settings settings, SettingsDecrypter decrypter, String serverId, String element)
            throws UserError {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new UserError("No <server> with the id '" + serverId + "' in Maven's settings.xml (~/.m2/settings.xml "
                    + "or the one given with -s): add one with the index's <username> and <password>, or perhaps you "
                    + "should fix " + element);
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        fail(result.getProblems(), "the password of <server> " + serverId);
        Server decrypted = result.getServer();
        if ((decrypted.getUsername() == null || decrypted.getUsername().isEmpty())
                && (decrypted.getPassword() == null || decrypted.getPassword().isEmpty())) {
            throw new UserError("<server> " + serverId + " in Maven's settings.xml has no <username> or <password>: add "
                    + "them, or perhaps you should fix " + element);
        }
        return new Credentials(decrypted.getUsername(), decrypted.getPassword(), "<server> " + serverId);
    }

    /** {@link #credentials} of a server that may be absent: {@code null} then. */
    static Credentials optionalCredentials(Settings settings, SettingsDecrypter decrypter, String serverId, String element)
            throws UserError {
        return settings == null || settings.getServer(serverId) == null ? null
                : credentials(settings, decrypter, serverId, element);
    }

    static List<ProxySettings> activeProxies(Settings settings, SettingsDecrypter decrypter) throws UserError {
        List<ProxySettings> proxies = new ArrayList<>();
        if (settings == null) {
            return proxies;
        }
        for (Proxy proxy : settings.getProxies()) {
            if (!proxy.isActive() || proxy.getHost() == null || proxy.getHost().isBlank()) {
                continue;
            }
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
            fail(result.getProblems(), "the password of <proxy> " + proxy.getId());
            Proxy p = result.getProxy();
            proxies.add(new ProxySettings(p.getId(), p.getProtocol(), p.getHost(), p.getPort(), p.getUsername(),
                    p.getPassword(), p.getNonProxyHosts()));
        }
        return proxies;
    }

    private static void fail(List<SettingsProblem> problems, String what) throws UserError {
        for (SettingsProblem problem : problems) {
            if (problem.getSeverity() == SettingsProblem.Severity.ERROR || problem.getSeverity() == SettingsProblem.Severity.FATAL) {
                throw new UserError("Maven cannot decrypt " + what + ": " + problem.getMessage() + "; check "
                        + "~/.m2/settings-security.xml (or -Dsettings.security) and the encrypted password");
            }
        }
    }
}
