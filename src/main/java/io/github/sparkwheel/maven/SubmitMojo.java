package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.submit.EnvironmentMode;
import io.github.sparkwheel.submit.SparkSubmitter;
import io.github.sparkwheel.submit.SubmitRequest;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Ships the wheelhouse and its runner to Spark (on YARN by default), follows the application and
 * turns its final status into the build result. Runtime jar dependencies of the module go along as
 * {@code --jars}. Not bound to a phase: {@code mvn package pyspark:submit}.
 *
 * @since 0.1.0
 */
@Mojo(name = SubmitMojo.GOAL_NAME, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class SubmitMojo extends AbstractSparkMojo {

    public static final String GOAL_NAME = "submit";

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.submit.skip", defaultValue = "false")
    private boolean skipSubmit;



    /**
     * Spark's master.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.master", defaultValue = "yarn")
    private String master;

    /**
     * {@code cluster} (the driver runs in the YARN ApplicationMaster) or {@code client} (here).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.deployMode", defaultValue = "cluster")
    private String deployMode;

    /**
     * The application's name.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.appName", defaultValue = "${project.artifactId}")
    private String appName;

    /**
     * The YARN queue.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.queue")
    private String queue;

    /**
     * {@code --driver-memory}, e.g. {@code 2g}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.driverMemory")
    private String driverMemory;

    /**
     * {@code --driver-cores}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.driverCores")
    private Integer driverCores;

    /**
     * {@code --executor-memory}, e.g. {@code 4g}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.executorMemory")
    private String executorMemory;

    /**
     * {@code --executor-cores}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.executorCores")
    private Integer executorCores;

    /**
     * {@code --num-executors}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.numExecutors")
    private Integer numExecutors;

    /**
     * Spark configuration, {@code --conf key=value} each; these win over the plugin's own confs.
     * Values of keys that name a password, secret, token or key are masked in logs.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> sparkConf;

    /**
     * A Spark properties file ({@code --properties-file}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.propertiesFile")
    private File propertiesFile;

    /**
     * The job's arguments, after the runner.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.args")
    private List<String> args = new ArrayList<>();

    /**
     * {@code bootstrap} (stock Spark: the wheelhouse's bootstrap builds a cached venv per node) or
     * {@code virtualenv} (Spark's own {@code spark.pyspark.virtualenv.*}, on clusters that have it).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.environment", defaultValue = "bootstrap")
    private String environment;

    /**
     * The base interpreter on the cluster's nodes (bootstrap mode).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.nodePython", defaultValue = "python3")
    private String nodePython;

    /**
     * The nodes' venv cache directory (bootstrap mode). Default: the bootstrap's, the YARN user cache.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.nodeCache")
    private String nodeCache;

    /**
     * {@code spark.pyspark.virtualenv.bin.path}: the virtualenv executable on the nodes (virtualenv mode).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.virtualenv.binPath", defaultValue = "virtualenv")
    private String virtualenvBinPath;

    /**
     * {@code spark.pyspark.virtualenv.index_url}; unset, Spark installs from the wheelhouse alone
     * ({@code use_index=false}) (virtualenv mode).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.virtualenv.indexUrl")
    private String virtualenvIndexUrl;

    /**
     * {@code spark.pyspark.virtualenv.trusted_host} (virtualenv mode).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.virtualenv.trustedHost")
    private String virtualenvTrustedHost;

    /**
     * {@code spark.pyspark.virtualenv.system_site_packages} (virtualenv mode).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.virtualenv.systemSitePackages", defaultValue = "false")
    private boolean virtualenvSystemSitePackages;

    /**
     * {@code spark.pyspark.virtualenv.upgrade_pip} (virtualenv mode).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.virtualenv.upgradePip", defaultValue = "false")
    private boolean virtualenvUpgradePip;

    /**
     * {@code spark.pyspark.virtualenv.install_package}, passed as it is when set (virtualenv mode).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.virtualenv.installPackage")
    private String virtualenvInstallPackage;







    /**
     * Waits for the application to end and maps its final status to the build result.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.submit.wait", defaultValue = "true")
    private boolean waitForCompletion;

    /**
     * Seconds to wait before spark-submit is stopped; 0 waits for ever. (Not {@code <timeout>}: that is
     * the wheelhouse goal's pip timeout, and plugin-level configuration reaches every goal.)
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.submit.timeout", defaultValue = "0")
    private int submitTimeout;

    /**
     * On timeout, also kills the YARN application (through the ResourceManager's REST API).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.submit.killOnTimeout", defaultValue = "false")
    private boolean killOnTimeout;

    /**
     * Prints the exact command line and environment (secrets masked) and submits nothing.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.submit.dryRun", defaultValue = "false")
    private boolean dryRun;



    @Inject
    public SubmitMojo(RepositorySystem repositorySystem, SettingsDecrypter decrypter) {
        super(repositorySystem, decrypter);
    }

    @Override
    protected String goal() {
        return GOAL_NAME;
    }

    @Override
    protected boolean skipGoal() {
        return skipSubmit;
    }

    @Override
    protected String skipProperty() {
        return "pyspark.submit.skip";
    }

    @Override
    protected void run() throws UserError, ProcessException, IOException {
        SubmitRequest request = sparkRequest(master);
        request.deployMode = deployMode;
        request.appName = appName;
        request.queue = queue;
        request.driverMemory = driverMemory;
        request.driverCores = driverCores;
        request.executorMemory = executorMemory;
        request.executorCores = executorCores;
        request.numExecutors = numExecutors;
        if (sparkConf != null) {
            request.sparkConf.putAll(new ParameterValues(getLog()).map(sparkConf, "<sparkConf>"));
        }
        request.propertiesFile = propertiesFile == null ? null : propertiesFile.toPath();
        request.jobArgs.addAll(new ParameterValues(getLog()).strings(args, "<args>"));
        request.environment = EnvironmentMode.parse(environment);
        request.nodePython = nodePython;
        request.nodeCache = nodeCache;
        request.localPython = python;
        request.localCache = request.workDirectory.resolve("cache");
        request.virtualenv.binPath = virtualenvBinPath;
        request.virtualenv.indexUrl = virtualenvIndexUrl;
        request.virtualenv.trustedHost = virtualenvTrustedHost;
        request.virtualenv.systemSitePackages = virtualenvSystemSitePackages;
        request.virtualenv.upgradePip = virtualenvUpgradePip;
        request.virtualenv.installPackage = virtualenvInstallPackage;
        request.waitForCompletion = waitForCompletion;
        request.timeout = Duration.ofSeconds(submitTimeout);
        request.killOnTimeout = killOnTimeout;
        request.dryRun = dryRun;
        new SparkSubmitter(processRunner, buildLog()).submit(request);
    }
}
