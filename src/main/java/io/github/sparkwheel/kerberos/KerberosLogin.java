package io.github.sparkwheel.kerberos;

import io.github.sparkwheel.protocol.Protocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the plugin and every JVM it starts log in to a Kerberos-secured cluster: from a ticket cache (a person who ran
 * kinit) or from a keytab (a CI server, a scheduler), with the krb5.conf that names the realm's KDCs. Checked by
 * {@link KerberosCheck} before anything starts.
 */
public final class KerberosLogin {

    /** The JDK's Kerberos code, which Hadoop's login reaches into on Java 17+. */
    static final String KRB5_OPENS = "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED";

    private final Krb5Conf krb5Conf;
    private final String principal;
    private final Path keytab;
    private final String ticketCache;

    KerberosLogin(Krb5Conf krb5Conf, String principal, Path keytab, String ticketCache) {
        this.krb5Conf = krb5Conf;
        this.principal = principal;
        this.keytab = keytab;
        this.ticketCache = ticketCache;
    }

    /**
     * A login from a keytab with the JDK's default krb5.conf, taken as it is: {@link KerberosCheck} makes the logins
     * of a build, having checked them.
     */
    public static KerberosLogin ofKeytab(String principal, Path keytab) {
        return new KerberosLogin(null, principal, keytab, null);
    }

    /** The principal that logs in: the keytab's, or the ticket cache's. */
    public String principal() {
        return principal;
    }

    /** The keytab, or {@code null} for a ticket cache login. */
    public Path keytab() {
        return keytab;
    }

    /**
     * The user the cluster knows the principal as, by the usual mapping of a principal to a user (its first component:
     * {@code ana@EXAMPLE.COM}, {@code etl/host@EXAMPLE.COM} → {@code ana}, {@code etl}). A cluster whose {@code
     * auth_to_local} maps otherwise is told apart by the stager.
     */
    public String user() {
        String name = principal.contains("@") ? principal.substring(0, principal.lastIndexOf('@')) : principal;
        return name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
    }

    /** The krb5.conf every JVM is given, or {@code null}: the JDK's own default, which the check found. */
    public Path krb5Conf() {
        return krb5Conf == null ? null : krb5Conf.file();
    }

    /** The options of every JVM that logs in: the krb5.conf, the JDK package Hadoop's login needs opened. */
    public List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        options.add(KRB5_OPENS);
        if (krb5Conf != null) {
            options.add("-Djava.security.krb5.conf=" + krb5Conf.file());
        }
        return options;
    }

    /** The system properties through which a helper learns how to log in ({@link Protocol}). */
    public Map<String, String> helperProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (keytab != null) {
            properties.put(Protocol.LOGIN_PRINCIPAL, principal);
            properties.put(Protocol.LOGIN_KEYTAB, keytab.toString());
        }
        return properties;
    }

    /** Variables for every process: the ticket cache (as an absolute FILE: cache), MIT's tools' krb5.conf. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (ticketCache != null) {
            env.put("KRB5CCNAME", ticketCache);
        }
        if (krb5Conf != null) {
            env.put("KRB5_CONFIG", krb5Conf.file().toString());
        }
        return env;
    }

    /** {@code ana@EXAMPLE.COM from the ticket cache FILE:/tmp/krb5cc_1000}, for the log. */
    public String describe() {
        return principal + (keytab != null ? " from the keytab " + keytab : " from the ticket cache " + ticketCache)
                + (krb5Conf != null ? ", with the krb5.conf " + krb5Conf : "");
    }
}
