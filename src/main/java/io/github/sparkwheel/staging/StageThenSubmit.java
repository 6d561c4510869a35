package io.github.sparkwheel.staging;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Paths;
import java.util.Arrays;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Stages a plan's layers, then runs {@code org.apache.spark.deploy.SparkSubmit} in the same JVM: one
 * JVM start and one Hadoop client for both (the submit goal without a Spark home).
 *
 * <pre>java … -cp &lt;conf&gt;:&lt;spark jars&gt;:&lt;plugin&gt; io.github.sparkwheel.staging.StageThenSubmit PLAN &lt;spark-submit arguments&gt;</pre>
 */
public final class StageThenSubmit {

    private StageThenSubmit() {}

    public static void main(String[] args) throws Throwable {
        int status = new LayerStager(new YarnConfiguration(), System.out).stage(StagingPlan.read(Paths.get(args[0])));
        if (status != 0) {
            System.exit(status);
        }
        try {
            Class.forName("org.apache.spark.deploy.SparkSubmit").getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
