package io.github.sparkwheel.submit;

import io.github.sparkwheel.runner.Bootstrap;
import io.github.sparkwheel.spark.PysparkArchives;
import io.github.sparkwheel.spark.SparkUri;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What is submitted, whatever carries it to the cluster ({@link Transport}): the master and deploy mode, the
 * resources, the jars, archives and files as Spark is to fetch them (the staged layers, or local files to upload),
 * the confs (the environment mode's, then the user's), the runner and the job's arguments, and the environment the
 * launcher needs. Composed from a {@link SubmitRequest}; pure: it runs nothing.
 */
public final class Submission {

    /** The file systems other than the default one that a secured application needs delegation tokens for. */
    static final String ACCESS_FILE_SYSTEMS = "spark.kerberos.access.hadoopFileSystems";

    private final SubmitRequest request;
    private final Path runner;
    private final String runnerUri;
    private final Path localWheelhouse;
    private final StagedSubmission staged;
    private final List<String> jars;
    private final List<String> archives;
    private final List<String> files;
    private final Map<String, String> confs;
    private final Map<String, String> environment;

    /**
     * @param runner the local copy of the wheelhouse's runner (the primary resource)
     * @param lock the local copy of its lock (shipped with --files in virtualenv mode)
     * @param localWheelhouse the wheelhouse unpacked on this machine, for a client-mode driver
     * @param jars the jars to ship with {@code --jars}: the request's, less those Spark already has
     * @param staged the layers staged on the cluster's file system, or {@code null} to ship the wheelhouse
     * @param locate how the local files that are not staged are named to Spark: {@link SparkUri#of} when Spark uploads
     *     them from here, their copies' URIs when a transport put them elsewhere
     */
    public Submission(SubmitRequest request, Path runner, Path lock, Path localWheelhouse, List<Path> jars,
            StagedSubmission staged, Function<Path, String> locate) {
        this.request = request;
        this.runner = runner;
        this.runnerUri = staged != null && staged.runner() != null ? staged.runner() : locate.apply(runner);
        this.localWheelhouse = localWheelhouse;
        this.staged = staged;
        this.jars = jars.stream().map(jar -> staged != null ? staged.jar(jar) : locate.apply(jar))
                .collect(Collectors.toUnmodifiableList());
        List<String> archives = new ArrayList<>();
        if (staged != null) {
            archives.addAll(staged.archives(request.alias));
        } else {
            archives.add(locate.apply(request.wheelhouse) + "#" + request.alias);
        }
        if (request.pythonRuntime != null && !request.localMaster()) { // local executors use the runtime's copy here
            archives.add((staged != null ? staged.pythonRuntime() : locate.apply(request.pythonRuntime.layer())) + "#"
                    + request.runtimeAlias());
        }
        this.archives = List.copyOf(archives);
        this.files = request.environment == EnvironmentMode.VIRTUALENV ? List.of(locate.apply(lock)) : List.of();
        this.confs = Collections.unmodifiableMap(confs(lock));
        this.environment = Collections.unmodifiableMap(launcherEnvironment());
    }

    public SubmitRequest request() {
        return request;
    }

    /** The layers staged for it, or {@code null} when it ships the wheelhouse itself. */
    public StagedSubmission staged() {
        return staged;
    }

    /** The runner: the application's primary resource, a file on this machine. */
    public Path runner() {
        return runner;
    }

    /** The runner as Spark is to fetch it where nothing on this machine hands it over (a submission through Livy). */
    public String runnerUri() {
        return runnerUri;
    }

    /** {@code --jars}: the module's jars, as URIs. */
    public List<String> jars() {
        return jars;
    }

    /** {@code --archives}: the wheelhouse (or its layers) and a shipped Python runtime, as {@code uri#alias}. */
    public List<String> archives() {
        return archives;
    }

    /** {@code --files}: the lock, in virtualenv mode. */
    public List<String> files() {
        return files;
    }

    /** The confs, the environment mode's first and the user's {@code <sparkConf>} last, so that the user's win. */
    public Map<String, String> confs() {
        return confs;
    }

    /** Variables the process that submits needs, on top of the inherited ones. */
    public Map<String, String> environment() {
        return environment;
    }

    /** spark-submit's arguments, the job's last. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        add(args, "--master", request.master);
        add(args, "--deploy-mode", request.deployMode);
        add(args, "--name", request.appName);
        add(args, "--queue", request.queue);
        add(args, "--driver-memory", request.driverMemory);
        add(args, "--driver-cores", request.driverCores);
        add(args, "--executor-memory", request.executorMemory);
        add(args, "--executor-cores", request.executorCores);
        add(args, "--num-executors", request.numExecutors);
        add(args, "--properties-file", request.propertiesFile);
        if (request.proxyUser != null) {
            add(args, "--proxy-user", request.proxyUser);
        } else if (request.kerberos != null && request.kerberos.keytab() != null) {
            // Spark logs in from it too, and in cluster mode stages it for the ApplicationMaster to renew its tokens
            add(args, "--principal", request.kerberos.principal());
            add(args, "--keytab", request.kerberos.keytab());
        }
        if (!jars.isEmpty()) {
            add(args, "--jars", String.join(",", jars));
        }
        add(args, "--archives", String.join(",", archives));
        if (!files.isEmpty()) {
            add(args, "--files", String.join(",", files));
        }
        for (Map.Entry<String, String> conf : confs.entrySet()) {
            add(args, "--conf", conf.getKey() + "=" + conf.getValue());
        }
        args.add(runner.toString());
        args.addAll(request.jobArgs);
        return args;
    }

    private Map<String, String> confs(Path lock) {
        Map<String, String> confs = new LinkedHashMap<>();
        if (request.environment == EnvironmentMode.BOOTSTRAP) {
            // shipped: unpacked by YARN in every container; local: unpacked here for a driver (or
            // local-mode executors) that runs on this machine
            String shipped = "./" + request.alias + "/" + Bootstrap.INTERPRETER;
            String local = localWheelhouse == null ? null : localWheelhouse.resolve(Bootstrap.INTERPRETER).toString();
            confs.put("spark.pyspark.python", request.localMaster() ? local : shipped);
            confs.put("spark.pyspark.driver.python", request.clusterMode() ? shipped : local);
            // local-mode executors are on this machine: they get the build's interpreter and cache
            String basePython = request.localMaster() ? request.localBasePython() : request.nodeBasePython();
            String cache = !request.localMaster() ? request.nodeCache
                    : request.localCache == null ? null : request.localCache.toString();
            for (String side : new String[] {"spark.yarn.appMasterEnv.", "spark.executorEnv."}) {
                confs.put(side + Bootstrap.BASE_PYTHON_VARIABLE, basePython);
                if (cache != null && !cache.isBlank()) {
                    confs.put(side + Bootstrap.CACHE_VARIABLE, cache);
                }
            }
        } else {
            VirtualenvOptions venv = request.virtualenv;
            boolean index = venv.indexUrl != null && !venv.indexUrl.isBlank();
            confs.put("spark.pyspark.virtualenv.enabled", "true");
            confs.put("spark.pyspark.virtualenv.type", "native");
            confs.put("spark.pyspark.virtualenv.bin.path", venv.binPath);
            confs.put("spark.pyspark.virtualenv.requirements", lock.getFileName().toString());
            confs.put("spark.pyspark.virtualenv.use_index", Boolean.toString(index));
            if (index) {
                confs.put("spark.pyspark.virtualenv.index_url", venv.indexUrl.trim());
            }
            if (venv.trustedHost != null && !venv.trustedHost.isBlank()) {
                confs.put("spark.pyspark.virtualenv.trusted_host", venv.trustedHost.trim());
            }
            confs.put("spark.pyspark.virtualenv.system_site_packages", Boolean.toString(venv.systemSitePackages));
            confs.put("spark.pyspark.virtualenv.upgrade_pip", Boolean.toString(venv.upgradePip));
            if (venv.installPackage != null && !venv.installPackage.isBlank()) {
                confs.put("spark.pyspark.virtualenv.install_package", venv.installPackage.trim());
            }
        }
        if (request.yarn() && request.livy == null) { // Livy's host has its own Spark, and never waits
            confs.put("spark.yarn.submit.waitAppCompletion", Boolean.toString(request.waitForCompletion));
            if (staged != null && staged.sparkArchive() != null) {
                confs.put("spark.yarn.archive", staged.sparkArchive()); // the Spark runtime layer
            } else if (request.sparkHome == null && !request.userSetsSparkJars()) {
                // without a Spark home there is no assembly to upload: ship the resolved jars
                confs.put("spark.yarn.jars", request.sparkJars.stream().map(SparkUri::of)
                        .collect(Collectors.joining(",")));
            }
        }
        confs.putAll(request.sparkConf);
        if (request.kerberos != null && staged != null) {
            String access = accessFileSystems(request.sparkConf.get(ACCESS_FILE_SYSTEMS), staged.fileSystems(),
                    request.defaultFileSystem);
            if (access != null) {
                confs.put(ACCESS_FILE_SYSTEMS, access);
            }
        }
        if (staged != null) { // the user's tags and the one that keeps this application's layers from the clean-up
            String tags = request.sparkConf.get("spark.yarn.tags");
            confs.put("spark.yarn.tags", tags == null || tags.isBlank() ? staged.tag() : tags + "," + staged.tag());
        }
        return confs;
    }

    /**
     * {@code spark.kerberos.access.hadoopFileSystems}: the user's list and the layers' file systems other than the
     * default one, for which a secured application needs delegation tokens (Spark fetches them only for the default
     * file system, its own staging directory's, and these); {@code null} when there are none.
     */
    static String accessFileSystems(String configured, List<String> layerFileSystems, String defaultFileSystem) {
        List<String> access = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            access.addAll(List.of(configured.trim().split("\\s*,\\s*")));
        }
        for (String fs : layerFileSystems) {
            if (!fs.equals(defaultFileSystem) && !access.contains(fs)) {
                access.add(fs);
            }
        }
        return access.isEmpty() ? null : String.join(",", access);
    }

    private Map<String, String> launcherEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (request.hadoopConfDir != null) {
            env.put("HADOOP_CONF_DIR", request.hadoopConfDir.toString());
            env.put("YARN_CONF_DIR", request.hadoopConfDir.toString());
        }
        if (request.kerberos != null) {
            env.putAll(request.kerberos.environment());
        }
        if (request.sparkHome != null) {
            env.put("SPARK_HOME", request.sparkHome.toString());
            if (request.kerberos != null && request.kerberos.krb5Conf() != null) { // its spark-submit's JVM, and a driver
                String inherited = System.getenv("SPARK_SUBMIT_OPTS");
                env.put("SPARK_SUBMIT_OPTS", (inherited == null || inherited.isBlank() ? "" : inherited.trim() + " ")
                        + "-Djava.security.krb5.conf=" + request.kerberos.krb5Conf());
            }
        } else {
            // PythonRunner and the YARN client look for pyspark here instead of in a Spark home
            env.put("PYSPARK_ARCHIVES_PATH", staged != null ? staged.pysparkArchivesPath(request.pysparkArchives)
                    : PysparkArchives.forYarn(request.pysparkArchives));
        }
        if (!request.clusterMode() && request.environment == EnvironmentMode.BOOTSTRAP) {
            env.put(Bootstrap.BASE_PYTHON_VARIABLE, request.localBasePython());
            if (request.localCache != null) {
                env.put(Bootstrap.CACHE_VARIABLE, request.localCache.toString());
            }
            String pyspark = PysparkArchives.localPythonPath(request.pysparkArchives);
            if (pyspark != null) {
                env.put("PYTHONPATH", pyspark);
            }
        }
        return env;
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null && !value.toString().isBlank()) {
            args.add(option);
            args.add(value.toString().trim());
        }
    }
}
