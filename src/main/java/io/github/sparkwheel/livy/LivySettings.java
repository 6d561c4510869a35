package io.github.sparkwheel.livy;

import java.nio.file.Path;
import java.time.Duration;

/** Where Livy is and how to reach it: its URL (a gateway's prefix included), the login, the trust, the connect timeout. */
public final class LivySettings {

    /** {@code <livyUrl>}: {@code http://livy:8998}, {@code https://gateway/gateway/default/livy/v1}. */
    public String url;
    /** The settings.xml {@code <server>} the login comes from (for messages). */
    public String serverId;
    /** Basic authentication's user, or {@code null} for none. */
    public String username;
    /** Its password: sent in the Authorization header only, never logged. */
    public String password;
    /** A PEM file of CA certificates or a PKCS12/JKS trust store, trusted beside the JVM's own; or {@code null}. */
    public Path trustStore;
    public Duration connectTimeout = Duration.ofSeconds(20);
}
