package io.github.sparkwheel.submit;

import io.github.sparkwheel.hadoop.ClusterJvm;
import io.github.sparkwheel.hadoop.HadoopConf;
import io.github.sparkwheel.kerberos.KerberosLogin;
import io.github.sparkwheel.runtime.NodeRuntime;
import io.github.sparkwheel.spark.SparkClasspath;
import io.github.sparkwheel.spark.SparkJars;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a submission reads: plain values, filled by the Mojo or a test. */
public final class SubmitRequest {

    public Path wheelhouse;
    /** The directory name the archive is unpacked to in every container ({@code --archives zip#alias}). */
    public String alias = "wheelhouse";
    public String master = "yarn";
    public String deployMode = "cluster";
    public String appName;
    public String queue;
    public String driverMemory;
    public Integer driverCores;
    public String executorMemory;
    public Integer executorCores;
    public Integer numExecutors;
    public final Map<String, String> sparkConf = new LinkedHashMap<>();
    public Path propertiesFile;
    public final List<String> jobArgs = new ArrayList<>();
    /** Java jars for {@code --jars} (UDFs of a mixed build). */
    public final List<Path> jars = new ArrayList<>();

    public EnvironmentMode environment = EnvironmentMode.BOOTSTRAP;
    /** The base interpreter on the nodes ({@code PYSPARK_WHEELHOUSE_PYTHON}). */
    public String nodePython = "python3";
    /** The nodes' venv cache ({@code PYSPARK_WHEELHOUSE_CACHE}); {@code null}: the bootstrap's default. */
    public String nodeCache;
    /**
     * The Python runtime shipped with the job ({@code <pythonRuntime>}, the one its wheelhouse was built with), or
     * {@code null}: then the nodes' own Python ({@link #nodePython}) is the base interpreter.
     */
    public NodeRuntime pythonRuntime;
    /** The base interpreter of a client-mode driver, on this machine. */
    public String localPython = "python3";
    /** The venv cache of a client-mode driver, on this machine; {@code null}: the bootstrap's default. */
    public Path localCache;
    public VirtualenvOptions virtualenv = new VirtualenvOptions();

    /** A Spark installation ({@code bin/spark-submit}); {@code null} runs SparkSubmit from {@link #sparkJars}. */
    public Path sparkHome;
    /** Spark's jars, resolved from a Maven repository, when there is no Spark home. */
    public final List<Path> sparkJars = new ArrayList<>();
    /** The java that runs SparkSubmit from {@link #sparkJars}. */
    public String javaExecutable;
    /** {@code PYSPARK_ARCHIVES_PATH} entries (pyspark.zip, py4j zip) when there is no Spark home. */
    public final List<String> pysparkArchives = new ArrayList<>();

    public Path hadoopConfDir;
    /** The cluster's {@code fs.defaultFS} ({@code scheme://authority}), or {@code null}. */
    public String defaultFileSystem;
    /** How to log in to a Kerberos-secured cluster ({@link io.github.sparkwheel.kerberos.KerberosCheck}), or {@code null}. */
    public KerberosLogin kerberos;
    /** {@code --proxy-user}: the user the application runs as, on behalf of whom logs in; {@code null}: none. */
    public String proxyUser;

    /**
     * Stages content-addressed layers (Spark runtime, dependencies, job, pyspark) on the cluster's file
     * system and hands Spark those, instead of shipping the wheelhouse and Spark's jars every time.
     */
    public boolean staging = true;
    /** A Hadoop file system URI; {@code null}: {@link HadoopConf#defaultStagingDirectory}. */
    public String stagingDirectory;
    /** Where the public layers (Spark's and Python's runtimes) go for every user; {@code null}: private too. */
    public String sharedStagingDirectory;
    /** Users besides you and the shared directory's owner whose layers there are used without reading them back. */
    public final List<String> trustedStagingOwners = new ArrayList<>();
    /** The newest stagings of this artifact that the clean-up keeps; 0 keeps everything. */
    public int keepStagings = 5;
    /** Layers no staging names are removed only once older than this many seconds. */
    public long stagingGraceSeconds = 3600;
    /** {@code groupId:artifactId}, what the staging records are filed under. */
    public String artifact = "unknown:unknown";
    /** Where the Spark runtime layer is written on this machine (shared by projects); {@code null}: the work directory. */
    public Path layerCache;
    /**
     * How long the cluster (its ResourceManager, the staging file system) may take to answer before anything is
     * submitted; the user's own {@code yarn.resourcemanager.connect.max-wait.ms} wins for the ResourceManager.
     */
    public Duration connectTimeout = Duration.ofSeconds(20);
    /** Waits for the application's end ({@code spark.yarn.submit.waitAppCompletion}). */
    public boolean waitForCompletion = true;
    /** {@code null} or zero: no limit. */
    public Duration timeout;
    /** On timeout, kills the YARN application too (through the ResourceManager's REST API). */
    public boolean killOnTimeout;
    public boolean dryRun;
    /** Submits through Livy's batch API ({@code <livyUrl>}) instead of SparkSubmit here; {@code null}: directly. */
    public LivyRequest livy;
    /** Scratch space: the runner, the lock and (client mode) the unpacked wheelhouse. */
    public Path workDirectory;

    private List<String> moduleOptions;

    /** The directory a shipped Python runtime is unpacked to in every container. */
    public String runtimeAlias() {
        return alias + "-python";
    }

    /** The nodes' base interpreter: the shipped runtime's in the container, else {@link #nodePython}. */
    public String nodeBasePython() {
        return pythonRuntime != null ? "./" + runtimeAlias() + "/bin/python3" : nodePython;
    }

    /** The base interpreter of what runs on this machine: the shipped runtime's copy here, else {@link #localPython}. */
    public String localBasePython() {
        return pythonRuntime != null ? pythonRuntime.unpacked().python().toString() : localPython;
    }

    public boolean clusterMode() {
        return "cluster".equals(deployMode);
    }

    /** {@code local[…]}: executors run on this machine too, beside a client-mode driver. */
    public boolean localMaster() {
        return master != null && master.startsWith("local");
    }

    public boolean yarn() {
        return master != null && master.startsWith("yarn");
    }

    /** Layers are staged for YARN containers that run the wheelhouse's bootstrap. */
    public boolean layered() {
        return staging && yarn() && environment == EnvironmentMode.BOOTSTRAP;
    }

    /**
     * The user the application runs as, whose home holds the default staging directory: the proxy user, else the
     * Kerberos principal's user, else {@link HadoopConf#clusterUser}.
     */
    public String clusterUser() {
        return proxyUser != null ? proxyUser : kerberos != null ? kerberos.user() : HadoopConf.clusterUser(System.getenv());
    }

    /** A JVM over this submission's Spark classpath and Hadoop configuration, for the launcher and the helpers. */
    public ClusterJvm clusterJvm() throws IOException {
        return new ClusterJvm(javaExecutable, hadoopConfDir, sparkHome, sparkJars, moduleOptions(), kerberos, proxyUser);
    }

    /** The JDK module options of this submission's Spark (its launcher jar's), as bin/spark-submit adds them. */
    public List<String> moduleOptions() throws IOException {
        if (moduleOptions == null) {
            moduleOptions = SparkJars.moduleOptions(sparkHome, sparkJars);
        }
        return moduleOptions;
    }

    /** The jars Spark's classpath has: the Spark home's, else the resolved ones. */
    public SparkClasspath sparkClasspath() throws IOException {
        return SparkClasspath.of(sparkHome, sparkJars);
    }

    /** The user set the Spark runtime's jars for YARN themselves: no runtime layer then. */
    public boolean userSetsSparkJars() {
        return sparkConf.containsKey("spark.yarn.jars") || sparkConf.containsKey("spark.yarn.archive");
    }
}
