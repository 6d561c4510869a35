package io.github.sparkwheel.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.BuildLog;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.minikdc.MiniKdc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check before any JVM starts, against a real KDC (Hadoop's MiniKdc) and the files real tools write: keytabs from
 * the KDC, ticket caches from MIT's kinit (Debian's krb5-user, which .ci/run installs).
 */
class KerberosCheckTest {

    private static MiniKdc kdc;
    private static Path base;
    private static Path krb5;
    private static Path aliceKeytab;
    private static Path bobKeytab;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    @BeforeAll
    static void startKdc(@TempDir Path tmp) throws Exception {
        base = tmp;
        Properties conf = MiniKdc.createConf();
        conf.setProperty(MiniKdc.KDC_BIND_ADDRESS, "localhost");
        conf.setProperty(MiniKdc.KDC_PORT, "0");
        kdc = new MiniKdc(conf, Files.createDirectories(tmp.resolve("kdc")).toFile());
        kdc.start();
        aliceKeytab = tmp.resolve("alice.keytab");
        bobKeytab = tmp.resolve("bob.keytab");
        kdc.createPrincipal(aliceKeytab.toFile(), "alice");
        kdc.createPrincipal(bobKeytab.toFile(), "bob", "bob/batch");
        Files.setPosixFilePermissions(aliceKeytab, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(bobKeytab, PosixFilePermissions.fromString("rw-------"));
        krb5 = tmp.resolve("krb5.conf");
        Files.writeString(krb5, krb5Conf(kdc.getPort()), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopKdc() {
        if (kdc != null) {
            kdc.stop();
        }
    }

    private static String krb5Conf(int port) {
        return "[libdefaults]\n  default_realm = " + kdc.getRealm() + "  # the realm\n  udp_preference_limit = 1\n"
                + "[realms]\n  " + kdc.getRealm() + " = {\n    kdc = 127.0.0.1:" + port + "\n  }\n";
    }

    private KerberosCheck check(Map<String, String> env) {
        return new KerberosCheck(env, null, List.of(), Clock.systemUTC(), log);
    }

    private static KerberosCheck.Settings settings(String principal, Path keytab) {
        KerberosCheck.Settings settings = new KerberosCheck.Settings();
        settings.principal = principal;
        settings.keytab = keytab;
        settings.krb5Conf = krb5;
        return settings;
    }

    private KerberosLogin run(KerberosCheck check, KerberosCheck.Settings settings) throws UserError {
        return check.check(settings, "kerberos", "/etc/hadoop/conf/core-site.xml", Duration.ofSeconds(5));
    }

    /** A ticket cache written by MIT's kinit from alice's keytab, with the lifetime asked for. */
    private Path kinit(String lifetime) throws Exception {
        Path cache = dir.resolve("krb5cc_alice");
        List<String> command = new ArrayList<>(List.of("kinit", "-kt", aliceKeytab.toString()));
        if (lifetime != null) {
            command.addAll(List.of("-l", lifetime));
        }
        command.add("alice@" + kdc.getRealm());
        ProcessBuilder kinit = new ProcessBuilder(command).redirectErrorStream(true);
        kinit.environment().put("KRB5_CONFIG", krb5.toString());
        kinit.environment().put("KRB5CCNAME", "FILE:" + cache);
        Process process = kinit.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("MIT kinit (krb5-user): " + output).isZero();
        return cache;
    }

    @Test
    void keytabPrincipals_areReadFromTheKdcsKeytabs() throws Exception {
        String realm = kdc.getRealm();
        assertThat(KerberosFiles.keytabPrincipals(aliceKeytab)).containsExactly("alice@" + realm);
        assertThat(KerberosFiles.keytabPrincipals(bobKeytab)).containsExactlyInAnyOrder("bob@" + realm, "bob/batch@" + realm);
        Path notAKeytab = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> KerberosFiles.keytabPrincipals(notAKeytab)).hasMessageContaining("is not a keytab");
    }

    @Test
    void aTicketCacheFromKinit_namesItsPrincipalAndItsTicketsEnd() throws Exception {
        Path cache = kinit(null);
        KerberosFiles.Cache read = KerberosFiles.readCache(cache);
        assertThat(read.principal).isEqualTo("alice@" + kdc.getRealm());
        assertThat(read.tgtEnd).isAfter(Instant.now().plus(Duration.ofHours(1)));

        Map<String, String> env = new HashMap<>();
        env.put("KRB5CCNAME", "FILE:" + cache);
        KerberosLogin login = run(check(env), settings(null, null));
        assertThat(login.principal()).isEqualTo("alice@" + kdc.getRealm());
        assertThat(login.user()).isEqualTo("alice");
        assertThat(login.keytab()).isNull();
        assertThat(login.environment()).containsEntry("KRB5CCNAME", "FILE:" + cache.toAbsolutePath())
                .containsEntry("KRB5_CONFIG", krb5.toAbsolutePath().toString());
        assertThat(login.jvmOptions()).contains("-Djava.security.krb5.conf=" + krb5.toAbsolutePath(),
                KerberosLogin.KRB5_OPENS);
        assertThat(login.helperProperties()).isEmpty();
    }

    @Test
    void noTicket_isSaidAtOnce_withWhatToDo() {
        Map<String, String> env = Map.of("KRB5CCNAME", "FILE:" + dir.resolve("no-such-cache"));
        assertThatThrownBy(() -> run(check(env), settings(null, null))).isInstanceOf(UserError.class)
                .hasMessage("No Kerberos ticket: the cluster is secured (hadoop.security.authentication=kerberos), and "
                        + "there is no ticket cache at FILE:" + dir.resolve("no-such-cache") + " (KRB5CCNAME): run kinit "
                        + "<you>@" + kdc.getRealm() + " (with KRB5CCNAME=FILE:" + dir.resolve("no-such-cache") + "), or "
                        + "set <principal> and <keytab> (-Dpyspark.principal, -Dpyspark.keytab) to log in from a keytab");
        assertThatThrownBy(() -> run(check(Map.of("KRB5CCNAME", "KEYRING:persistent:1000")), settings(null, null)))
                .hasMessageStartingWith("The ticket cache KEYRING:persistent:1000 (KRB5CCNAME) is a KEYRING cache, which "
                        + "Java cannot read");
    }

    @Test
    void anExpiredTicket_saysWhenItEnded() throws Exception {
        Path cache = kinit("5m"); // the shortest kinit asks for; the check is then run 90 minutes after its end
        Instant end = KerberosFiles.readCache(cache).tgtEnd;
        KerberosCheck later = new KerberosCheck(Map.of("KRB5CCNAME", "FILE:" + cache), null, List.of(),
                Clock.fixed(end.plus(Duration.ofMinutes(90)), ZoneOffset.UTC), log);
        assertThatThrownBy(() -> run(later, settings(null, null))).isInstanceOf(UserError.class)
                .hasMessageStartingWith("Your Kerberos ticket has expired: the ticket of alice@" + kdc.getRealm()
                        + " in FILE:" + cache + " (KRB5CCNAME) ended at ")
                .hasMessageContaining(", 90 minutes ago: run kinit alice@" + kdc.getRealm() + " again");
    }

    @Test
    void aKeytabLogin_isCheckedAgainstTheKeytab() throws Exception {
        KerberosLogin login = run(check(Map.of()), settings("alice", aliceKeytab));
        assertThat(login.principal()).isEqualTo("alice@" + kdc.getRealm()); // the default realm completes it
        assertThat(login.helperProperties()).containsValues("alice@" + kdc.getRealm(), aliceKeytab.toString());
        assertThat(warnings).isEmpty();

        assertThatThrownBy(() -> run(check(Map.of()), settings("alice", bobKeytab)))
                .hasMessageStartingWith("The keytab " + bobKeytab + " holds no key of alice@" + kdc.getRealm() + " (it holds ")
                .hasMessageContaining("bob@" + kdc.getRealm()).hasMessageContaining("bob/batch@" + kdc.getRealm())
                .hasMessageEndingWith("): perhaps you should fix <principal> (-Dpyspark.principal) or <keytab> "
                        + "(-Dpyspark.keytab)");
        assertThatThrownBy(() -> run(check(Map.of()), settings("alice", dir.resolve("missing.keytab"))))
                .hasMessage("The keytab " + dir.resolve("missing.keytab") + " does not exist: perhaps you should fix "
                        + "<keytab> or -Dpyspark.keytab");
        assertThatThrownBy(() -> run(check(Map.of()), settings("alice", null)))
                .hasMessageStartingWith("<principal> alice is set but no <keytab>");
        assertThatThrownBy(() -> run(check(Map.of()), settings(null, bobKeytab)))
                .hasMessageContaining("is set but no <principal>, and the keytab holds ").hasMessageContaining("bob@");
    }

    @Test
    void aFileThatIsNoKeytab_isSaidToBeNone() throws Exception {
        Path notAKeytab = Files.writeString(dir.resolve("etl.keytab"), "-----BEGIN PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(notAKeytab, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> run(check(Map.of()), settings("etl", notAKeytab)))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("The keytab " + notAKeytab + " cannot be read as a keytab (")
                .hasMessageEndingWith("perhaps you should fix <keytab> or -Dpyspark.keytab");
    }

    @Test
    void aKeytabOthersCanRead_getsAWarning() throws Exception {
        Path open = Files.copy(aliceKeytab, dir.resolve("open.keytab"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        run(check(Map.of()), settings("alice", open));
        assertThat(warnings).singleElement().asString().startsWith("The keytab " + open + " can be read by other users "
                + "(rw-r--r--)").endsWith("chmod 600 " + open);
    }

    @Test
    void aKdcThatDoesNotAnswer_isNamedWithItsKrb5Conf() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path elsewhere = Files.writeString(dir.resolve("krb5.conf"), krb5Conf(closed));
        KerberosCheck.Settings settings = settings("alice", aliceKeytab);
        settings.krb5Conf = elsewhere;
        assertThatThrownBy(() -> run(check(Map.of()), settings)).isInstanceOf(UserError.class)
                .hasMessageStartingWith("The KDC of " + kdc.getRealm() + " did not answer (127.0.0.1:" + closed + ": ")
                .hasMessageContaining("the kdc of " + kdc.getRealm() + " in " + elsewhere + " (<krb5Conf>)")
                .hasMessageContaining("(<krb5Conf>, -Dpyspark.krb5Conf)");
    }

    @Test
    void krb5Conf_isTheConfiguredOne_elseKrb5Config_elseTheJdks_elseNone() throws Exception {
        KerberosCheck.Settings settings = settings("alice", aliceKeytab);
        settings.krb5Conf = dir.resolve("no-krb5.conf");
        assertThatThrownBy(() -> run(check(Map.of()), settings)).hasMessage("The krb5.conf " + dir.resolve("no-krb5.conf")
                + " (<krb5Conf>) does not exist: perhaps you should fix <krb5Conf> or -Dpyspark.krb5Conf");

        settings.krb5Conf = null;
        assertThat(run(check(Map.of("KRB5_CONFIG", "/nowhere/krb5.conf:" + krb5)), settings).krb5Conf())
                .isEqualTo(krb5.toAbsolutePath());
        assertThat(run(new KerberosCheck(Map.of(), null, List.of(dir.resolve("absent"), krb5), Clock.systemUTC(), log),
                settings).krb5Conf()).isEqualTo(krb5.toAbsolutePath());

        assertThatThrownBy(() -> run(check(Map.of()), settings)).isInstanceOf(UserError.class)
                .hasMessage("The Hadoop configuration (/etc/hadoop/conf/core-site.xml) says hadoop.security."
                        + "authentication=kerberos, but this machine has no krb5.conf (none of <krb5Conf>, KRB5_CONFIG, "
                        + "-Djava.security.krb5.conf, ): set <krb5Conf> (-Dpyspark.krb5Conf) to your cluster's krb5.conf "
                        + "(the file kinit uses; ask the cluster's admins for it), or install it as /etc/krb5.conf");
    }

    @Test
    void aClusterThatIsNotSecured_needsNoLogin_andAConfiguredOneGoesUnusedWithAWarning() throws Exception {
        assertThat(check(Map.of()).check(settings(null, null), null, "core-site.xml", Duration.ofSeconds(1))).isNull();
        assertThat(warnings).isEmpty();
        assertThat(check(Map.of()).check(settings("alice", aliceKeytab), "simple", "/etc/hadoop/conf/core-site.xml",
                Duration.ofSeconds(1))).isNull();
        assertThat(warnings).singleElement().asString().startsWith("<principal> and <keytab> are not used: the Hadoop "
                + "configuration (/etc/hadoop/conf/core-site.xml) says hadoop.security.authentication=simple");
    }

    @Test
    void withoutKrb5ccname_theDefaultTicketCache_isNamedByThisUsersId() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(id.waitFor()).isZero();
        Path cache = java.nio.file.Paths.get("/tmp/krb5cc_" + uid);
        if (Files.exists(cache)) { // this machine's own login: the check takes it, as kinit left it
            assertThat(run(check(Map.of()), settings(null, null)).environment()).containsEntry("KRB5CCNAME", "FILE:" + cache);
        } else {
            assertThatThrownBy(() -> run(check(Map.of()), settings(null, null)))
                    .hasMessageContaining("there is no ticket cache at FILE:" + cache + " (the default ticket cache)");
        }
    }
}
