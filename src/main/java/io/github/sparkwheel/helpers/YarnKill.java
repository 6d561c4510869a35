package io.github.sparkwheel.helpers;

import io.github.sparkwheel.protocol.Protocol;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;

/**
 * Kills a YARN application with Hadoop's own {@code YarnClient}, in a JVM started over Spark's classpath (the
 * plugin's own JVM has no Hadoop and never loads this class): {@code java -cp <conf>:<spark jars>:<plugin>
 * io.github.sparkwheel.helpers.YarnKill application_…}. Works wherever spark-submit could submit. Says
 * {@code pyspark-kill: killed <id>} when it did.
 */
public final class YarnKill {

    private YarnKill() {}

    public static void main(String[] args) throws Exception {
        org.apache.hadoop.conf.Configuration conf = HadoopClient.configuration();
        HadoopClient.run(() -> {
            YarnClient client = HadoopClient.yarn(conf);
            try {
                client.killApplication(ApplicationId.fromString(args[0]));
                System.out.println(Protocol.Program.KILL.line("killed " + args[0]));
            } finally {
                client.stop();
            }
            return null;
        });
    }
}
