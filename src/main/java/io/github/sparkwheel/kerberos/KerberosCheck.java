package io.github.sparkwheel.kerberos;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides, before any JVM starts and within the connect timeout, how the submission logs in to a Kerberos-secured
 * cluster, and says in words what cannot work: no krb5.conf, a keytab that is missing, unreadable or without the
 * principal, no ticket or an expired one, a KDC that does not answer. Hadoop's own client would say the same minutes
 * later, as a stack trace ({@code GSSException: No valid credentials provided}, {@code Client cannot authenticate
 * via:[TOKEN, KERBEROS]}).
 */
public final class KerberosCheck {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** What the user configured. */
    public static final class Settings {
        public String principal;
        public Path keytab;
        public Path krb5Conf;
    }

    private final Map<String, String> env;
    private final String jvmKrb5Property;
    private final List<Path> systemKrb5Files;
    private final Clock clock;
    private final BuildLog log;

    public KerberosCheck(Map<String, String> env, BuildLog log) {
        this(env, System.getProperty("java.security.krb5.conf"), Krb5Conf.SYSTEM_FILES, Clock.systemUTC(), log);
    }

    KerberosCheck(Map<String, String> env, String jvmKrb5Property, List<Path> systemKrb5Files, Clock clock,
            BuildLog log) {
        this.env = env;
        this.jvmKrb5Property = jvmKrb5Property;
        this.systemKrb5Files = systemKrb5Files;
        this.clock = clock;
        this.log = log;
    }

    /**
     * @param authentication the cluster's {@code hadoop.security.authentication} (core-site.xml), or {@code null}
     * @param where where that setting is, for messages
     * @return the login, or {@code null} when the cluster is not secured (then a configured principal or keytab is
     *     said to go unused)
     */
    public KerberosLogin check(Settings settings, String authentication, String where, Duration connectTimeout)
            throws UserError {
        boolean kerberos = authentication != null && authentication.trim().equalsIgnoreCase("kerberos");
        if (!kerberos) {
            if (settings.principal != null || settings.keytab != null) {
                log.warn("<principal> and <keytab> are not used: the Hadoop configuration (" + where
                        + ") says hadoop.security.authentication=" + (authentication == null ? "simple (by default)"
                        : authentication) + ". If the cluster is secured, this is not its configuration");
            }
            return null;
        }
        Krb5Conf krb5 = Krb5Conf.find(settings.krb5Conf, env, jvmKrb5Property, systemKrb5Files);
        if (krb5 == null) {
            throw new UserError("The Hadoop configuration (" + where + ") says hadoop.security.authentication="
                    + "kerberos, but this machine has no krb5.conf (none of <krb5Conf>, KRB5_CONFIG, "
                    + "-Djava.security.krb5.conf, " + join(systemKrb5Files) + "): set <krb5Conf> (-Dpyspark.krb5Conf) "
                    + "to your cluster's krb5.conf (the file kinit uses; ask the cluster's admins for it), or install "
                    + "it as /etc/krb5.conf");
        }
        KerberosLogin login;
        if (settings.keytab != null || settings.principal != null) {
            login = keytab(settings, krb5);
        } else {
            login = ticketCache(settings, krb5);
        }
        kdc(login.principal(), krb5, connectTimeout);
        log.info("Kerberos: logging in as " + login.describe());
        return login;
    }

    private KerberosLogin keytab(Settings settings, Krb5Conf krb5) throws UserError {
        if (settings.keytab == null) {
            throw new UserError("<principal> " + settings.principal + " is set but no <keytab>: set <keytab> "
                    + "(-Dpyspark.keytab) to the keytab that holds its key, or unset <principal> to log in from your "
                    + "ticket cache (kinit)");
        }
        Path keytab = settings.keytab.toAbsolutePath();
        if (!Files.isRegularFile(keytab)) {
            throw new UserError("The keytab " + keytab + " does not exist: perhaps you should fix <keytab> or "
                    + "-Dpyspark.keytab");
        }
        if (!Files.isReadable(keytab)) {
            throw new UserError("The keytab " + keytab + " cannot be read by this user: check its owner and mode "
                    + "(ls -l " + keytab + "; it should be yours, chmod 600)");
        }
        warnIfOthersCanRead(keytab);
        List<String> principals;
        try {
            principals = KerberosFiles.keytabPrincipals(keytab);
        } catch (IOException e) {
            throw new UserError("The keytab " + keytab + " cannot be read as a keytab (" + e.getMessage() + "): "
                    + "perhaps you should fix <keytab> or -Dpyspark.keytab", e);
        }
        String principal = settings.principal != null ? settings.principal.trim() : principals.size() == 1
                ? principals.get(0) : null;
        if (principal == null) {
            throw new UserError("<keytab> " + keytab + " is set but no <principal>, and the keytab holds "
                    + (principals.isEmpty() ? "none" : String.join(", ", principals)) + ": set <principal> "
                    + "(-Dpyspark.principal) to the one to log in as");
        }
        String full = principal.contains("@") || krb5.defaultRealm() == null ? principal
                : principal + "@" + krb5.defaultRealm();
        if (!principals.contains(full)) {
            throw new UserError("The keytab " + keytab + " holds no key of " + full + " (it holds "
                    + (principals.isEmpty() ? "none" : String.join(", ", principals)) + "): perhaps you should fix "
                    + "<principal> (-Dpyspark.principal) or <keytab> (-Dpyspark.keytab)");
        }
        return new KerberosLogin(krb5, full, keytab, null);
    }

    private void warnIfOthersCanRead(Path keytab) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keytab);
            if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_READ)) {
                log.warn("The keytab " + keytab + " can be read by other users (" + java.nio.file.attribute
                        .PosixFilePermissions.toString(permissions) + "): anyone who reads it can act as its principal; "
                        + "chmod 600 " + keytab);
            }
        } catch (IOException | UnsupportedOperationException unknown) {
            // a file system without POSIX modes: nothing to say
        }
    }

    private KerberosLogin ticketCache(Settings settings, Krb5Conf krb5) throws UserError {
        String name = env.get("KRB5CCNAME");
        String source = "KRB5CCNAME";
        if (name == null || name.isBlank()) {
            name = "FILE:/tmp/krb5cc_" + uid();
            source = "the default ticket cache";
        }
        String type = name.matches("^[A-Za-z]+:.*") ? name.substring(0, name.indexOf(':')).toUpperCase(Locale.ROOT)
                : "FILE";
        if (!type.equals("FILE")) {
            throw new UserError("The ticket cache " + name + " (KRB5CCNAME) is a " + type + " cache, which Java cannot "
                    + "read (it reads FILE caches only): run kinit -c FILE:/tmp/krb5cc_$(id -u) and set "
                    + "KRB5CCNAME=FILE:/tmp/krb5cc_$(id -u), or set <principal> and <keytab>");
        }
        Path file = Paths.get(name.replaceFirst("^(?i)FILE:", "")).toAbsolutePath();
        String kinit = "run kinit <you>@" + (krb5.defaultRealm() == null ? "<REALM>" : krb5.defaultRealm())
                + (source.equals("KRB5CCNAME") ? " (with KRB5CCNAME=" + name + ")" : "")
                + ", or set <principal> and <keytab> (-Dpyspark.principal, -Dpyspark.keytab) to log in from a keytab";
        if (!Files.isRegularFile(file)) {
            throw new UserError("No Kerberos ticket: the cluster is secured (hadoop.security.authentication=kerberos), "
                    + "and there is no ticket cache at FILE:" + file + " (" + source + "): " + kinit);
        }
        KerberosFiles.Cache cache;
        try {
            cache = KerberosFiles.readCache(file);
        } catch (IOException e) {
            throw new UserError("The ticket cache FILE:" + file + " (" + source + ") cannot be read (" + e.getMessage()
                    + "): " + kinit, e);
        }
        Instant now = clock.instant();
        if (cache.tgtEnd == null) {
            throw new UserError("No Kerberos ticket: the ticket cache FILE:" + file + " (" + source + ") of "
                    + cache.principal + " holds no ticket-granting ticket: " + kinit);
        }
        if (!cache.tgtEnd.isAfter(now)) {
            throw new UserError("Your Kerberos ticket has expired: the ticket of " + cache.principal + " in FILE:" + file
                    + " (" + source + ") ended at " + TIME.format(cache.tgtEnd) + ", " + ago(cache.tgtEnd, now)
                    + ": run kinit " + cache.principal + " again (kinit -R renews a renewable ticket), or set "
                    + "<principal> and <keytab> to log in from a keytab");
        }
        if (Duration.between(now, cache.tgtEnd).toMinutes() < 10) {
            log.warn("Your Kerberos ticket (" + cache.principal + ") ends at " + TIME.format(cache.tgtEnd) + ", in less "
                    + "than 10 minutes: a long job may outlive it (kinit -R, or a keytab with <principal> and <keytab>)");
        }
        return new KerberosLogin(krb5, cache.principal, null, "FILE:" + file);
    }

    /** Says when no KDC of the principal's realm accepts a connection within the timeout; DNS-found KDCs go unchecked. */
    private void kdc(String principal, Krb5Conf krb5, Duration connectTimeout) throws UserError {
        String realm = principal.substring(principal.lastIndexOf('@') + 1);
        List<String> kdcs = krb5.kdcs(realm);
        if (kdcs.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        List<String> answers = new ArrayList<>();
        for (String kdc : kdcs) {
            String host = kdc.replaceFirst("^(tcp|udp)/", "");
            int port = 88;
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]")) {
                port = Integer.parseInt(host.substring(colon + 1));
                host = host.substring(0, colon);
            }
            long left = Math.max(200, (deadline - System.nanoTime()) / 1_000_000);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) Math.min(left, 5_000));
                return;
            } catch (IOException e) {
                answers.add(kdc + ": " + (e instanceof java.net.SocketTimeoutException ? "no answer" : e.getMessage()));
            }
        }
        throw new UserError("The KDC of " + realm + " did not answer (" + String.join("; ", answers) + ", the kdc of "
                + realm + " in " + krb5 + "): check that it runs and that this machine may reach it (firewall, VPN), "
                + "and that the krb5.conf is this cluster's (<krb5Conf>, -Dpyspark.krb5Conf)");
    }

    private static String ago(Instant then, Instant now) {
        long minutes = Duration.between(then, now).toMinutes();
        return minutes < 1 ? "moments ago" : minutes < 120 ? minutes + " minutes ago" : minutes / 60 + " hours ago";
    }

    private static String join(List<Path> files) {
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(f.toString()));
        return String.join(", ", names);
    }

    /** This process's user id, which names the default ticket cache ({@code /tmp/krb5cc_<uid>}). */
    static long uid() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // below
        }
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
