package io.github.sparkwheel.helpers;

import io.github.sparkwheel.protocol.StagingPlan;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The submit goal's JVM over Spark's classpath (without a Spark home): checks that the cluster answers
 * ({@link ClusterCheck}, within the connect timeout), stages the plan's layers if there is a plan, then runs
 * {@code org.apache.spark.deploy.SparkSubmit} in the same JVM: one JVM start and one Hadoop client for all. Layers
 * found in or put into the shared directory are given to Spark there: in its arguments, and for pyspark's zips in
 * this JVM's {@code PYSPARK_ARCHIVES_PATH} ({@link OwnEnvironment}).
 *
 * <pre>java … -cp &lt;conf&gt;:&lt;spark jars&gt;:&lt;plugin&gt; io.github.sparkwheel.helpers.SubmitLauncher TIMEOUT_MS PLAN|- &lt;spark-submit arguments&gt;</pre>
 */
public final class SubmitLauncher {

    private static final String PYSPARK_ARCHIVES = "PYSPARK_ARCHIVES_PATH";

    private SubmitLauncher() {}

    public static void main(String[] args) throws Throwable {
        Configuration conf = HadoopClient.configuration();
        StagingPlan plan = "-".equals(args[1]) ? null : StagingPlan.read(Paths.get(args[1]));
        List<String> sparkArgs = Arrays.asList(Arrays.copyOfRange(args, 2, args.length));
        // the check and the staging act for the proxy user, as SparkSubmit does with --proxy-user
        Prepared prepared = HadoopClient.run(() -> checkAndStage(conf, Long.parseLong(args[0]), plan, sparkArgs));
        if (prepared.status != 0) {
            System.exit(prepared.status);
        }
        try {
            Class.forName("org.apache.spark.deploy.SparkSubmit").getMethod("main", String[].class)
                    .invoke(null, (Object) prepared.sparkArgs.toArray(new String[0]));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What the check and the staging left: a failed step's status (having said why), else SparkSubmit's arguments. */
    private static final class Prepared {
        final int status;
        final List<String> sparkArgs;

        Prepared(int status, List<String> sparkArgs) {
            this.status = status;
            this.sparkArgs = sparkArgs;
        }
    }

    /** Checks the cluster and stages the plan's layers; SparkSubmit's arguments then name the layers where they are. */
    private static Prepared checkAndStage(Configuration conf, long timeoutMillis, StagingPlan plan,
            List<String> sparkArgs) throws java.io.IOException {
        int status = ClusterCheck.check(conf, System.out, timeoutMillis, plan == null ? "-" : plan.stagingDirectory());
        if (status == 0 && plan != null) {
            LayerStager stager = new LayerStager(conf, System.out);
            // Spark's client in this JVM reads pyspark's zips from its environment: shared only if that can change
            String archives = System.getenv(PYSPARK_ARCHIVES);
            String refused = archives == null ? PYSPARK_ARCHIVES + " is not set"
                    : OwnEnvironment.set(PYSPARK_ARCHIVES, archives);
            if (refused != null) {
                stager.keepPysparkPrivate("Spark reads where they are from this JVM's " + PYSPARK_ARCHIVES + ", and "
                        + refused);
            }
            status = stager.stage(plan);
            sparkArgs = StagingPlan.withPlacements(sparkArgs, stager.placements()); // the shared layers, there
            if (status == 0 && refused == null) {
                String placed = StagingPlan.withPlacements(List.of(archives), stager.placements()).get(0);
                String failed = placed.equals(archives) ? null : OwnEnvironment.set(PYSPARK_ARCHIVES, placed);
                if (failed != null) { // it could be changed a moment ago
                    throw new IllegalStateException("pyspark's zips are in the shared directory, but " + failed);
                }
            }
        }
        return new Prepared(status, sparkArgs);
    }
}
