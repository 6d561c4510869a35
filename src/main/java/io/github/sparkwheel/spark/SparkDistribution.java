package io.github.sparkwheel.spark;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a Spark binary distribution ships for a PySpark job, named as Maven artifacts: what the submit
 * goal resolves when there is no Spark home. A distribution's {@code jars/} is what Spark's
 * {@code assembly} module depends on (spark-core, spark-sql, spark-mllib, spark-streaming, spark-graphx,
 * spark-repl and Guava; from Spark 4 also the Spark Connect server), plus its {@code yarn} profile
 * (spark-yarn and, for Spark 3, Hadoop's {@code hadoop-yarn-server-web-proxy}, whose {@code AmIpFilter}
 * the ApplicationMaster puts in front of Spark's UI; Spark 4 has its own), and with {@code hive}
 * spark-hive and spark-hive-thriftserver. Of those, the default leaves out what a PySpark job never loads:
 * the Scala shell (spark-repl) and the Connect server, so that a repository that lacks them (several
 * mirrors serve no spark-repl_2.13 4.x) cannot fail a submission. The versions of everything they pull
 * in are the ones Spark's parent POM manages, as in the assembly's own build.
 */
public final class SparkDistribution {

    /**
     * The assembly's modules and its yarn profile (a distribution built with {@code -Pyarn}) that a PySpark job
     * uses: pyspark.sql, pyspark.ml, pyspark.streaming (graphx under ml), YARN. Not spark-repl, the Scala shell.
     */
    public static final List<String> DEFAULT_MODULES = List.of("spark-core", "spark-sql", "spark-mllib",
            "spark-streaming", "spark-graphx", "spark-yarn");
    /** The module whose presence brings the web proxy, as the assembly's yarn profile does. */
    public static final String YARN_MODULE = "spark-yarn";
    public static final String GROUP_ID = "org.apache.spark";
    /** The yarn profile's Hadoop artifact, at the version spark-parent manages ({@code ${yarn.version}}). */
    public static final String WEB_PROXY_GROUP_ID = "org.apache.hadoop";
    public static final String WEB_PROXY_ARTIFACT_ID = "hadoop-yarn-server-web-proxy";
    /** The assembly restores Guava (provided everywhere else) to the distribution, at Spark's version. */
    public static final String GUAVA_GROUP_ID = "com.google.guava";
    public static final String GUAVA_ARTIFACT_ID = "guava";
    /**
     * Never part of a distribution's {@code jars/}: the NodeManager's shuffle service, which Spark 4's
     * spark-yarn depends on and which not every repository serves.
     */
    public static final String NODE_MANAGER_SHUFFLE_MODULE = "spark-network-yarn";
    /**
     * BouncyCastle, which Hadoop's client 3.4.0 and 3.4.1 (Spark 4.0's) needs whenever a delegation token is renewed
     * (its KMS token renewer loads a BouncyCastle class, HADOOP-19287): without it Spark 4.0 cannot submit to a
     * Kerberos-secured cluster (SPARK-51311). Added, at the version spark-parent manages, when that client is resolved.
     */
    public static final String BOUNCY_CASTLE_GROUP_ID = "org.bouncycastle";
    public static final String BOUNCY_CASTLE_ARTIFACT_ID = "bcprov-jdk18on";
    public static final String HADOOP_CLIENT_API = "hadoop-client-api";
    /** How this class composes a distribution: part of the cache's name, so that a change resolves anew. */
    private static final String RECIPE = "2";

    /** Whether Hadoop's client of this version needs {@link #BOUNCY_CASTLE_ARTIFACT_ID} to renew a token. */
    public static boolean needsBouncyCastle(String hadoopClientVersion) {
        return hadoopClientVersion.equals("3.4.0") || hadoopClientVersion.equals("3.4.1");
    }

    private final SparkVersion version;
    private final String scalaBinaryVersion;
    private final List<String> modules;

    private SparkDistribution(SparkVersion version, String scalaBinaryVersion, List<String> modules) {
        this.version = version;
        this.scalaBinaryVersion = scalaBinaryVersion;
        this.modules = List.copyOf(modules);
    }

    /**
     * @param scalaBinaryVersion {@code 2.12}, {@code 2.13}; {@code null} or blank: the Spark version's
     *     ({@link SparkVersion#defaultScalaBinaryVersion()})
     * @param modules artifact ids without the Scala suffix ({@code spark-sql}); {@code null} or empty: {@link #DEFAULT_MODULES}
     */
    public static SparkDistribution of(String version, String scalaBinaryVersion, List<String> modules) throws UserError {
        if (version == null || version.isBlank()) {
            throw new UserError("No Spark version to resolve, perhaps you should set <sparkVersion> or -Dpyspark.sparkVersion");
        }
        SparkVersion spark = SparkVersion.of(version);
        String scala = scalaBinaryVersion == null || scalaBinaryVersion.isBlank() ? spark.defaultScalaBinaryVersion()
                : scalaBinaryVersion.trim();
        if (!scala.matches("2\\.1[0-9]|3")) {
            throw new UserError("'" + scalaBinaryVersion + "' is not a Scala binary version (2.12, 2.13), perhaps you "
                    + "should fix <scalaBinaryVersion> or -Dpyspark.scalaBinaryVersion");
        }
        if (!spark.builtFor(scala)) {
            throw new UserError("Spark " + spark + " is built for Scala 2.13 only, not " + scala + ": perhaps you should "
                    + "remove <scalaBinaryVersion> (-Dpyspark.scalaBinaryVersion), which then follows the Spark version");
        }
        List<String> names = new ArrayList<>();
        for (String module : modules == null ? List.<String>of() : modules) {
            String name = module == null ? "" : module.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches("spark-[a-z0-9-]+")) {
                throw new UserError("'" + module + "' is not a Spark module: name it by its artifact id without the "
                        + "Scala suffix (spark-sql, spark-hive), perhaps you should fix <sparkModules> or "
                        + "-Dpyspark.sparkModules");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return new SparkDistribution(spark, scala, names.isEmpty() ? DEFAULT_MODULES : names);
    }

    public String version() {
        return version.toString();
    }

    public SparkVersion sparkVersion() {
        return version;
    }

    public String scalaBinaryVersion() {
        return scalaBinaryVersion;
    }

    /** Artifact ids without the Scala suffix, in the configured order. */
    public List<String> modules() {
        return modules;
    }

    /** {@code spark-sql} → {@code spark-sql_2.12}. */
    public String artifactId(String module) {
        return module + "_" + scalaBinaryVersion;
    }

    /** With spark-yarn, the web proxy comes along, as in the assembly's yarn profile. */
    public boolean yarn() {
        return modules.contains(YARN_MODULE);
    }

    /** A file name for the remembered classpath of this very distribution. */
    public String cacheName() {
        String modulesDigest = Digests.sha256((RECIPE + ":" + String.join(",", modules)).getBytes(StandardCharsets.UTF_8))
                .substring(0, 8);
        return "spark-" + version + "_" + scalaBinaryVersion + "-" + modulesDigest + ".classpath";
    }

    @Override
    public String toString() {
        return "Spark " + version + " (Scala " + scalaBinaryVersion + ": " + String.join(", ", modules) + ")";
    }
}
