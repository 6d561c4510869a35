package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.hadoop.HadoopConf;
import io.github.sparkwheel.kerberos.KerberosCheck;
import io.github.sparkwheel.process.JvmCommand;
import io.github.sparkwheel.submit.LivyRequest;
import io.github.sparkwheel.submit.SparkRequirements;
import io.github.sparkwheel.submit.SubmitRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * What the goals that talk to a cluster share ({@code submit}, {@code stage}): the wheelhouse, which
 * Spark and Hadoop configuration, and where the layers are staged.
 */
abstract class AbstractSparkMojo extends AbstractPysparkMojo {

    /**
     * The wheelhouse to ship. When it does not exist (a fresh clone), the project's attached
     * wheelhouse ({@code <groupId>:<artifactId>:zip:<classifier>:<version>}) is resolved from the Maven
     * repositories instead, as {@code mvn install} or {@code mvn deploy} published it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.wheelhouse",
            defaultValue = "${project.build.directory}/${project.build.finalName}-wheelhouse.zip")
    private File wheelhouse;

    /**
     * The classifier of the project's attached wheelhouse, for resolving it when {@code <wheelhouse>}
     * does not exist.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.classifier", defaultValue = "wheelhouse")
    private String classifier;

    /**
     * The directory the wheelhouse is unpacked to in every container ({@code --archives zip#alias}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.alias", defaultValue = "wheelhouse")
    private String alias;

    /**
     * The Hadoop configuration directory (yarn-site.xml, core-site.xml). Default: {@code HADOOP_CONF_DIR},
     * then {@code YARN_CONF_DIR}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.hadoopConfDir")
    private File hadoopConfDir;

    /**
     * Stages content-addressed layers on the cluster's file system (the Spark runtime, the dependencies,
     * the job's code, pyspark) and submits those: an unchanged layer is never uploaded again, and a change
     * of the job's code uploads only its few kilobytes. {@code false} ships the wheelhouse and Spark's jars
     * with every submission.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.staging", defaultValue = "true")
    private boolean staging;

    /**
     * Where the layers are staged: a Hadoop file system URI ({@code hdfs://…}, {@code viewfs://…},
     * {@code file://…}). Default: {@code /user/<you>/.pyspark-maven-plugin} on the cluster's default file
     * system ({@code fs.defaultFS}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.stagingDirectory")
    private String stagingDirectory;

    /**
     * A directory every user of the cluster may write, such as one an admin created open to all and sticky
     * like /tmp ({@code hdfs dfs -mkdir /pyspark-shared && hdfs dfs -chmod 1777 /pyspark-shared}), for the layers
     * that are public content: Spark's runtime, pyspark's zips and a Python runtime, staged once per cluster and
     * localized once per node for all users. The job, its dependencies and jars stay private in
     * {@code <stagingDirectory>}. A shared layer is used only when it cannot have been planted (writable by nobody
     * else, and yours, the directory owner's or one of {@code <trustedStagingOwners>}, or else read back and found
     * to be the layer); a directory that is missing or not writable falls back to the private one. Nothing is
     * removed from it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.sharedStagingDirectory")
    private String sharedStagingDirectory;

    /**
     * Users of the cluster whose layers in {@code <sharedStagingDirectory>} are trusted as yours and the directory
     * owner's are: used as they are when nobody else may write them, not read back to check that their content is
     * the layer its name says (a download of the whole layer, 265 MB for Spark 3.5's runtime, at every submission).
     * For example the account a platform team stages the runtimes with. Anyone else's layer is still read back, and
     * refused if it is not the layer.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.trustedStagingOwners")
    private List<String> trustedStagingOwners = new ArrayList<>();

    /**
     * How many of this artifact's newest stagings the clean-up after each staging keeps, with the layers
     * they use; those of applications YARN still runs are always kept. 0 keeps everything.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.staging.keep", defaultValue = "5")
    private int keepStagings;

    /**
     * The clean-up removes a layer that no kept staging uses only once it is older than this many
     * seconds, since another submission may be staging it right now.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.staging.graceSeconds", defaultValue = "3600")
    private long stagingGraceSeconds;

    /**
     * Ships the module's runtime jar dependencies with {@code --jars} (staged as layers): the Java half of a
     * mixed build, connectors such as spark-avro with their own dependencies, less what Spark's classpath has.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.submit.includeJars", defaultValue = "true")
    private boolean includeJars;

    /**
     * Seconds the cluster (the ResourceManager, the file system the submission stages on) may take to answer
     * before anything is submitted; then the build fails saying which address did not answer and where it comes
     * from. A {@code yarn.resourcemanager.connect.max-wait.ms} of your Hadoop configuration wins for the
     * ResourceManager.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.connectTimeout", defaultValue = "20")
    private int connectTimeout;

    /**
     * The Kerberos principal to log in as from {@code <keytab>} ({@code etl@EXAMPLE.COM}; the realm may be left to
     * krb5.conf's default), on a cluster whose Hadoop configuration says {@code hadoop.security.authentication=kerberos}.
     * Unset, the submission logs in from your ticket cache ({@code kinit}; {@code KRB5CCNAME}, else the default cache).
     * Every JVM the plugin starts logs in the same way, and Spark gets {@code --principal}/{@code --keytab}: in cluster
     * mode Spark uploads the keytab to the application's private staging directory so that the ApplicationMaster can
     * renew its delegation tokens.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.principal")
    private String principal;

    /**
     * The keytab holding {@code <principal>}'s key. Its path appears in the build's log, never its content; one that
     * other users can read gets a warning.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.keytab")
    private File keytab;

    /**
     * The krb5.conf that names the realm's KDCs, for every JVM the plugin starts (and a client-mode driver). Default:
     * {@code KRB5_CONFIG}, else the JDK's default ({@code -Djava.security.krb5.conf}, else
     * {@code /etc/krb5.conf}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.krb5Conf")
    private File krb5Conf;

    /**
     * The user the application runs as ({@code --proxy-user}), when the one who logs in is a service account that the
     * cluster lets act for others ({@code hadoop.proxyuser.<account>.*}). The layers are then staged as that user,
     * under its home.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pyspark.proxyUser")
    private String proxyUser;

    /**
     * Scratch space: the runner, the lock, the layers, a client-mode driver's wheelhouse and cache.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/pyspark-submit", readonly = true)
    private File workDirectory;

    AbstractSparkMojo(RepositorySystem repositorySystem, SettingsDecrypter decrypter) {
        super(repositorySystem, decrypter);
    }

    /** {@code <stagingDirectory>} as configured, or {@code null}. */
    String configuredStagingDirectory() {
        return stagingDirectory == null || stagingDirectory.isBlank() ? null : stagingDirectory.trim();
    }

    /** The classifier of the project's attached wheelhouse. */
    String wheelhouseClassifier() {
        return classifier;
    }

    /** The Hadoop configuration directory, if one is configured or in the environment; {@code null} otherwise. */
    Path configuredHadoopConfDir() throws UserError {
        return HadoopConf.find(hadoopConfDir == null ? null : hadoopConfDir.toPath(), System.getenv(), false);
    }

    /** The request's cluster side: wheelhouse, Spark, Hadoop configuration and staging. */
    SubmitRequest sparkRequest(String master) throws UserError, IOException {
        return sparkRequest(master, null);
    }

    /**
     * The request's cluster side: wheelhouse, Spark, Hadoop configuration and staging. Through Livy ({@code livy} not
     * {@code null}) Spark is the Livy host's: it is resolved here only for staging (the stager runs on its Hadoop
     * client), and no Hadoop configuration is required.
     */
    SubmitRequest sparkRequest(String master, LivyRequest livy) throws UserError, IOException {
        SubmitRequest request = new SubmitRequest();
        request.master = master;
        request.alias = alias;
        request.livy = livy;
        request.wheelhouse = wheelhouse();
        request.workDirectory = workDirectory.toPath();
        request.hadoopConfDir = HadoopConf.find(hadoopConfDir == null ? null : hadoopConfDir.toPath(), System.getenv(),
                request.yarn() && livy == null);
        request.connectTimeout = java.time.Duration.ofSeconds(Math.max(1, connectTimeout));
        request.proxyUser = proxyUser == null || proxyUser.isBlank() ? null : proxyUser.trim();
        boolean staging = livy == null || livy.delivery == LivyRequest.Delivery.STAGING;
        if (livy != null) {
            livy.settings.connectTimeout = request.connectTimeout;
            livy.yarnLogs = request.hadoopConfDir != null;
        }
        if (request.yarn() && request.hadoopConfDir != null && staging) { // first: a login that cannot work is said at once
            KerberosCheck.Settings login = new KerberosCheck.Settings();
            login.principal = principal == null || principal.isBlank() ? null : principal.trim();
            login.keytab = keytab == null ? null : keytab.toPath();
            login.krb5Conf = krb5Conf == null ? null : krb5Conf.toPath();
            request.kerberos = new KerberosCheck(System.getenv(), buildLog()).check(login,
                    HadoopConf.authentication(request.hadoopConfDir), request.hadoopConfDir.resolve("core-site.xml")
                            .toString(), request.connectTimeout);
            request.defaultFileSystem = HadoopConf.defaultFileSystem(request.hadoopConfDir);
        }
        request.staging = staging;
        request.stagingDirectory = stagingDirectory;
        request.sharedStagingDirectory = sharedStagingDirectory == null || sharedStagingDirectory.isBlank() ? null
                : sharedStagingDirectory.trim();
        request.trustedStagingOwners.addAll(new ParameterValues(getLog()).strings(trustedStagingOwners,
                "<trustedStagingOwners>"));
        request.keepStagings = keepStagings;
        request.stagingGraceSeconds = stagingGraceSeconds;
        request.artifact = project.getGroupId() + ":" + project.getArtifactId();
        request.layerCache = pluginCache();
        if (includeJars) {
            for (Artifact artifact : project.getArtifacts()) {
                if ("jar".equals(artifact.getType()) && artifact.getFile() != null
                        && !Artifact.SCOPE_PROVIDED.equals(artifact.getScope()) && !sparksPlaceholder(artifact)) {
                    request.jars.add(artifact.getFile().toPath());
                }
            }
        }
        request.pythonRuntime = wheelhouseRuntime(request.wheelhouse);
        if (livy != null) { // Livy's host has its Spark and pyspark; the stager and the log reader need a Hadoop client
            if (staging || livy.yarnLogs) {
                request.sparkJars.addAll(sparkJars(workDirectory.toPath()));
                request.javaExecutable = JvmCommand.thisJava();
            }
            return request;
        }
        request.sparkHome = sparkHome();
        SparkRequirements.check(request.wheelhouse, request.sparkHome, sparkVersion); // before Spark is resolved
        request.pysparkArchives.addAll(request.sparkHome != null ? configuredPysparkArchives()
                : pysparkArchives(workDirectory.toPath().resolve("pip"), "The job is submitted"));
        if (request.sparkHome == null) {
            request.sparkJars.addAll(sparkJars(workDirectory.toPath()));
            request.javaExecutable = JvmCommand.thisJava();
        }
        return request;
    }

    /**
     * {@code org.spark-project.spark:unused}, an empty jar every Spark module (connectors too) depends
     * on; Spark's assembly keeps it out of distributions and out of YARN uploads, and so does this plugin.
     */
    private static boolean sparksPlaceholder(Artifact artifact) {
        return "org.spark-project.spark".equals(artifact.getGroupId()) && "unused".equals(artifact.getArtifactId());
    }

    /** {@code <wheelhouse>}, else the project's wheelhouse from the Maven repositories. */
    private Path wheelhouse() throws UserError {
        if (wheelhouse.isFile()) {
            return wheelhouse.toPath();
        }
        DefaultArtifact artifact = new DefaultArtifact(project.getGroupId(), project.getArtifactId(), classifier, "zip",
                project.getVersion());
        try {
            Path resolved = repositorySystem.resolveArtifact(session.getRepositorySession(),
                    new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null)).getArtifact().getFile()
                    .toPath();
            getLog().info("No " + wheelhouse + ": using " + artifact + " from the Maven repositories (" + resolved + ")");
            return resolved;
        } catch (ArtifactResolutionException e) {
            throw new UserError("No wheelhouse at " + wheelhouse + ", and " + artifact + " is in no Maven repository: "
                    + "run mvn package first, or perhaps you should set <wheelhouse> or -Dpyspark.wheelhouse", e);
        }
    }
}
