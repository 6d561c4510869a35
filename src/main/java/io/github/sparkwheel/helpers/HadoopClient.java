package io.github.sparkwheel.helpers;

import io.github.sparkwheel.protocol.Protocol;
import java.io.IOException;
import java.security.PrivilegedExceptionAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The one way every helper reaches the cluster: the Hadoop configuration (the {@code *-site.xml} files of the Hadoop
 * configuration directory, which the plugin puts first on the helper's classpath), the login (on a Kerberos-secured
 * cluster: from the keytab the plugin names in {@link Protocol#LOGIN_KEYTAB}, else from the ticket cache of
 * {@code KRB5CCNAME}), the user it acts as (the proxy user of {@link Protocol#LOGIN_PROXY_USER}, else the login), and a
 * YARN client that gives up when told to rather than after Hadoop's own 15 minutes.
 */
final class HadoopClient {

    private static final Protocol.Failure LOGIN_FAILED = Protocol.Failure.LOGIN_FAILED;

    private HadoopClient() {}

    /** The cluster's configuration, as this JVM's classpath has it, after logging in; a failed login ends the JVM. */
    static Configuration configuration() {
        Configuration conf = new YarnConfiguration();
        String failure = login(conf);
        if (failure != null) {
            System.out.println(LOGIN_FAILED.line(failure));
            System.out.flush();
            System.exit(LOGIN_FAILED.status());
        }
        return conf;
    }

    /**
     * Logs this JVM in as the plugin says, when the configuration says the cluster is secured.
     *
     * @return {@code null}, or why the login failed, in the user's terms
     */
    static String login(Configuration conf) {
        UserGroupInformation.setConfiguration(conf);
        if (!UserGroupInformation.isSecurityEnabled()) {
            return null;
        }
        String principal = System.getProperty(Protocol.LOGIN_PRINCIPAL);
        String keytab = System.getProperty(Protocol.LOGIN_KEYTAB);
        String who = keytab != null ? principal + " from the keytab " + keytab
                : "from the ticket cache " + (System.getenv("KRB5CCNAME") != null ? System.getenv("KRB5CCNAME")
                        : "(the default one)");
        try {
            UserGroupInformation user;
            if (keytab != null) {
                UserGroupInformation.loginUserFromKeytab(principal, keytab);
                user = UserGroupInformation.getLoginUser();
            } else {
                user = UserGroupInformation.getLoginUser();
                if (!user.hasKerberosCredentials()) {
                    return "Logging in to Kerberos " + who + " found no valid ticket: run kinit <you>@<REALM> (with "
                            + "this KRB5CCNAME), or set <principal> and <keytab> (-Dpyspark.principal, -Dpyspark.keytab)";
                }
            }
            user.getShortUserName(); // the cluster's mapping of the principal to a user (auth_to_local)
            return null;
        } catch (IOException | RuntimeException e) {
            return "Logging in to Kerberos " + who + " failed: " + explain(e, principal);
        }
    }

    /** What a Kerberos login's failure means and what to do, from the JDK's and Hadoop's words. */
    static String explain(Throwable e, String principal) {
        String all = messages(e);
        String p = principal != null ? principal : "the principal";
        if (all.contains("No rules applied to") || all.contains("NoMatchingRule")) {
            return "the cluster's hadoop.security.auth_to_local (core-site.xml) maps " + p + " to no user ("
                    + first(all) + "): log in as a principal the cluster knows, or ask its admins to map this one";
        }
        if (all.contains("Client not found in Kerberos database")) {
            return "the KDC knows no " + p + " (" + first(all) + "): perhaps you should fix <principal> "
                    + "(-Dpyspark.principal)";
        }
        if (all.contains("Pre-authentication information was invalid") || all.contains("Checksum failed")
                || all.contains("Unable to obtain password") || all.contains("Integrity check on decrypted field failed")) {
            return "the keytab's key of " + p + " is not the one the KDC has (" + first(all) + "): the principal was "
                    + "given a new key since the keytab was written; get a fresh keytab (<keytab>, -Dpyspark.keytab)";
        }
        if (all.contains("Clock skew too great")) {
            return "this machine's clock and the KDC's differ by more than Kerberos allows (" + first(all) + "): "
                    + "synchronise the clock (NTP)";
        }
        if (all.contains("Cannot locate default realm") || all.contains("Can't get Kerberos realm")) {
            return "the krb5.conf names no default realm (" + first(all) + "): set default_realm in its [libdefaults], "
                    + "or use the cluster's krb5.conf (<krb5Conf>, -Dpyspark.krb5Conf)";
        }
        if (all.contains("Cannot contact any KDC") || all.contains("Receive timed out")
                || all.contains("Connection refused")) {
            return "no KDC answered (" + first(all) + "): check that the krb5.conf's KDCs run and that this machine may "
                    + "reach them";
        }
        return first(all);
    }

    /** Every message of a throwable's chain, for matching. */
    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private static String first(String messages) {
        return messages.split(" \\| ", 2)[0].split("\\R", 2)[0];
    }

    /** Runs {@code action} as the user the helper acts for: the proxy user, when the plugin names one, else the login. */
    static <T> T run(PrivilegedExceptionAction<T> action) throws IOException, InterruptedException {
        String proxy = System.getProperty(Protocol.LOGIN_PROXY_USER);
        UserGroupInformation user = proxy == null ? UserGroupInformation.getCurrentUser()
                : UserGroupInformation.createProxyUser(proxy, UserGroupInformation.getLoginUser());
        return user.doAs(action);
    }

    /** The user the cluster sees: the login's (or the proxy user's, inside {@link #run}) short name, as Hadoop maps it. */
    static String user() throws IOException {
        return UserGroupInformation.getCurrentUser().getShortUserName();
    }

    /** A started YARN client that waits at most {@code maxWaitMillis} for the ResourceManager, trying every second. */
    static YarnClient yarn(Configuration conf, long maxWaitMillis) {
        Configuration quick = new Configuration(conf);
        quick.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, Math.max(1000, maxWaitMillis));
        quick.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS, 1000);
        YarnClient client = YarnClient.createYarnClient();
        client.init(quick);
        client.start();
        return client;
    }

    /** A started YARN client with the configuration's own retry policy. */
    static YarnClient yarn(Configuration conf) {
        YarnClient client = YarnClient.createYarnClient();
        client.init(conf);
        client.start();
        return client;
    }
}
