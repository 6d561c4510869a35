package io.github.sparkwheel.yarn;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Kills a YARN application with Hadoop's own {@code YarnClient}, in a JVM started over Spark's
 * classpath (the plugin's own JVM has no Hadoop and never loads this class): {@code java -cp
 * <conf>:<plugin>:<spark jars> io.github.sparkwheel.yarn.YarnKill application_…}. Works wherever
 * spark-submit could submit, Kerberos included.
 */
public final class YarnKill {

    private YarnKill() {}

    public static void main(String[] args) throws Exception {
        YarnClient client = YarnClient.createYarnClient();
        client.init(new YarnConfiguration());
        client.start();
        try {
            client.killApplication(ApplicationId.fromString(args[0]));
            System.out.println("killed " + args[0]);
        } finally {
            client.stop();
        }
    }
}
