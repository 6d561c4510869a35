package io.github.sparkwheel.helpers;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The one way every helper reaches the cluster: the Hadoop configuration (the {@code *-site.xml} files of the Hadoop
 * configuration directory, which the plugin puts first on the helper's classpath), the user the cluster sees, and a
 * YARN client that gives up when told to rather than after Hadoop's own 15 minutes.
 */
final class HadoopClient {

    private HadoopClient() {}

    /** The cluster's configuration, as this JVM's classpath has it. */
    static Configuration configuration() {
        return new YarnConfiguration();
    }

    /** The user the cluster sees: the login's short name, as Hadoop maps it. */
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
