package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.python.Credentials;
import io.github.sparkwheel.submit.EnvironmentMode;
import io.github.sparkwheel.submit.LivyRequest;
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

    /**
     * Submits through Apache Livy's batch API at this URL instead of running SparkSubmit here: Livy's address
     * ({@code http://livy.example.com:8998}), or a gateway's with its path prefix (Knox:
     * {@code https://gateway.example.com/gateway/default/livy/v1}). The batch runs in cluster mode on Livy's Spark; the
     * files reach it as {@code <livyDelivery>} says; the build follows the batch to its end and deletes it on a timeout
     * or Ctrl-C. Everything else keeps its meaning: {@code <sparkConf>}, {@code <args>}, the environment modes,
     * {@code <pythonRuntime>}, {@code <proxyUser>} (Livy's {@code proxyUser}), {@code <submitTimeout>}, the dry run.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.livyUrl")
    private String livyUrl;

    /**
     * The settings.xml {@code <server>} whose {@code <username>} and {@code <password>} (encrypted or not) log in to
     * Livy or its gateway with basic authentication; none is sent when there is no such server. The password appears
     * in no output, {@code -X} included.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.livyServerId", defaultValue = "livy")
    private String livyServerId;

    /**
     * A PEM file of CA certificates, or a PKCS12 or JKS trust store, trusted for Livy's (or its gateway's) TLS
     * certificate beside the JVM's own CAs: a company CA that the JVM does not know.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.livyTrustStore")
    private File livyTrustStore;

    /**
     * How the files reach Livy's cluster, which has no upload endpoint: {@code staging} (the layers in the staging
     * directory, as for a direct submission: this machine writes the cluster's file system, {@code hdfs://},
     * {@code webhdfs://}, {@code s3a://}…), {@code repository} (after {@code mvn deploy}: Spark on the Livy host fetches
     * the wheelhouse and its runner from the Maven repository they were deployed to, so that a machine that reaches only
     * Livy and the repository can submit) or {@code local} (copied into {@code <livyLocalDirectory>}: the build runs on
     * the Livy host). Unset: local with a {@code <livyLocalDirectory>}, staging with a Hadoop configuration or a
     * {@code <stagingDirectory>} URI, else repository.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.livyDelivery")
    private String livyDelivery;

    /**
     * A directory that Livy's {@code livy.file.local-dir-whitelist} holds, on this machine (the Livy host), for
     * {@code <livyDelivery>local}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.livyLocalDirectory")
    private File livyLocalDirectory;

    /**
     * For {@code <livyDelivery>repository}: the URL Spark on the Livy host fetches the deployed wheelhouse and runner
     * from. Unset: the URL of the project's {@code <distributionManagement>} repository (its snapshot repository for a
     * SNAPSHOT version). Spark fetches without credentials, so the repository must let the cluster read.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.livyRepositoryUrl")
    private String livyRepositoryUrl;


    @Inject
    public SubmitMojo(RepositorySystem repositorySystem, SettingsDecrypter decrypter) {
        super(repositorySystem, decrypter);
    }

    /** Where Livy is, how to log in and how the files get there. */
    private LivyRequest livyRequest() throws UserError {
        LivyRequest livy = new LivyRequest();
        livy.settings.url = livyUrl.trim();
        if (!livy.settings.url.matches("(?i)https?://.+")) {
            throw new UserError("<livyUrl> '" + livy.settings.url + "' is not an http:// or https:// URL: perhaps you "
                    + "should fix <livyUrl> or -Dpyspark.livyUrl (e.g. https://gateway.example.com/gateway/default/livy/v1)");
        }
        livy.settings.serverId = livyServerId;
        Credentials login = livyServerId == null || livyServerId.isBlank() ? null
                : MavenSettings.optionalCredentials(session.getSettings(), decrypter, livyServerId.trim(),
                        "<livyServerId> or -Dpyspark.livyServerId");
        if (login != null) {
            livy.settings.username = login.username();
            livy.settings.password = login.password();
        }
        livy.settings.trustStore = livyTrustStore == null ? null : livyTrustStore.toPath();
        livy.localDirectory = livyLocalDirectory == null ? null : livyLocalDirectory.toPath().toAbsolutePath();
        livy.delivery = LivyRequest.Delivery.choose(livyDelivery, livy.localDirectory, configuredHadoopConfDir(),
                configuredStagingDirectory());
        livy.repositoryUrl = livyRepositoryUrl != null && !livyRepositoryUrl.isBlank() ? livyRepositoryUrl.trim()
                : deploymentRepositoryUrl();
        livy.groupId = project.getGroupId();
        livy.artifactId = project.getArtifactId();
        livy.version = project.getVersion();
        livy.classifier = wheelhouseClassifier();
        return livy;
    }

    /** The URL of the repository {@code mvn deploy} deploys this project to (the snapshot one for a SNAPSHOT), or {@code null}. */
    private String deploymentRepositoryUrl() {
        org.apache.maven.model.DistributionManagement distribution = project.getDistributionManagement();
        if (distribution == null) {
            return null;
        }
        org.apache.maven.model.DeploymentRepository repository = project.getVersion().endsWith("-SNAPSHOT")
                && distribution.getSnapshotRepository() != null ? distribution.getSnapshotRepository()
                : distribution.getRepository();
        return repository == null ? null : repository.getUrl();
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
        LivyRequest livy = livyUrl == null || livyUrl.isBlank() ? null : livyRequest();
        SubmitRequest request = sparkRequest(master, livy);
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
