package io.github.sparkwheel.spark;

import java.lang.reflect.Method;

/**
 * Kills a YARN application with Hadoop's own {@code YarnClient}, in a JVM started over Spark's
 * classpath (so the plugin needs no Hadoop dependency): {@code java -cp <conf>:<plugin>:<spark jars>
 * io.github.sparkwheel.spark.YarnKill application_…}. Works wherever spark-submit could submit,
 * Kerberos included.
 */
public final class YarnKill {

    private YarnKill() {}

    public static void main(String[] args) throws Exception {
        Class<?> configuration = Class.forName("org.apache.hadoop.conf.Configuration");
        Object conf = Class.forName("org.apache.hadoop.yarn.conf.YarnConfiguration").getConstructor().newInstance();
        Class<?> clientClass = Class.forName("org.apache.hadoop.yarn.client.api.YarnClient");
        Object client = clientClass.getMethod("createYarnClient").invoke(null);
        clientClass.getMethod("init", configuration).invoke(client, conf);
        clientClass.getMethod("start").invoke(client);
        try {
            Class<?> idClass = Class.forName("org.apache.hadoop.yarn.api.records.ApplicationId");
            Object id = idClass.getMethod("fromString", String.class).invoke(null, args[0]);
            Method kill = clientClass.getMethod("killApplication", idClass);
            kill.invoke(client, id);
            System.out.println("killed " + args[0]);
        } finally {
            clientClass.getMethod("stop").invoke(client);
        }
    }
}
