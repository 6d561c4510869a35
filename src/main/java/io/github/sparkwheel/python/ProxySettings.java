package io.github.sparkwheel.python;

/**
 * An active {@code <proxy>} of Maven's settings.xml (password already decrypted): what pip is told
 * through {@code HTTP_PROXY}, {@code HTTPS_PROXY} and {@code NO_PROXY}.
 */
public final class ProxySettings {

    public final String id;
    /** The protocol of the URLs it serves, as settings.xml says ({@code http} or {@code https}). */
    public final String protocol;
    public final String host;
    public final int port;
    public final String username;
    public final String password;
    /** Maven's form: {@code *.corp|localhost|10.0.0.1}. */
    public final String nonProxyHosts;

    public ProxySettings(String id, String protocol, String host, int port, String username, String password,
            String nonProxyHosts) {
        this.id = id;
        this.protocol = protocol == null || protocol.isBlank() ? "http" : protocol.trim().toLowerCase(java.util.Locale.ROOT);
        this.host = host;
        this.port = port;
        this.username = username == null || username.isEmpty() ? null : username;
        this.password = password == null || password.isEmpty() ? null : password;
        this.nonProxyHosts = nonProxyHosts;
    }
}
