package io.github.sparkwheel.submit;

import io.github.sparkwheel.hadoop.HadoopJvm;
import io.github.sparkwheel.runner.Bootstrap;
import io.github.sparkwheel.spark.PysparkArchives;
import io.github.sparkwheel.spark.SparkUri;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Composes a spark-submit call from a request: the launcher (a Spark home's {@code bin/spark-submit},
 * or {@code java … org.apache.spark.deploy.SparkSubmit} over Spark's jars), the arguments, the
 * environment-mode confs and the process environment. Pure: it runs nothing.
 */
public final class SparkSubmitCommand {

    static final String SPARK_SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";
    /** Checks the cluster, stages the layers, then runs SparkSubmit, in one JVM; by name: the plugin's JVM never loads it. */
    static final String LAUNCHER = "io.github.sparkwheel.submit.SubmitLauncher";

    private final SubmitRequest request;
    private final Path runner;
    private final Path lock;
    private final Path localWheelhouse;
    private final List<String> moduleOptions;
    private final List<Path> jars;
    private final StagedSubmission staged;

    /**
     * @param runner the local copy of the wheelhouse's runner (the primary resource)
     * @param lock the local copy of its lock (shipped with --files in virtualenv mode)
     * @param localWheelhouse the wheelhouse unpacked on this machine, for a client-mode driver
     * @param moduleOptions the JDK module options of the Spark version (classpath launcher)
     * @param jars the jars to ship with {@code --jars}: the request's, less those Spark already has
     * @param staged the layers staged on the cluster's file system, or {@code null} to ship the wheelhouse
     */
    public SparkSubmitCommand(SubmitRequest request, Path runner, Path lock, Path localWheelhouse,
            List<String> moduleOptions, List<Path> jars, StagedSubmission staged) {
        this.request = request;
        this.runner = runner;
        this.lock = lock;
        this.localWheelhouse = localWheelhouse;
        this.moduleOptions = List.copyOf(moduleOptions);
        this.jars = List.copyOf(jars);
        this.staged = staged;
    }

    /** The whole command line: launcher, then spark-submit arguments. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        if (request.sparkHome != null) {
            command.add(request.sparkHome.resolve("bin/spark-submit").toString());
        } else {
            command.add(request.javaExecutable);
            command.addAll(moduleOptions);
            command.add("-cp");
            List<String> classpath = new ArrayList<>();
            if (request.hadoopConfDir != null) {
                classpath.add(request.hadoopConfDir.toString()); // else the client retries 0.0.0.0:8032 for ever
            }
            request.sparkJars.forEach(jar -> classpath.add(jar.toString()));
            if (request.yarn()) { // one JVM checks the cluster, stages the layers, then submits
                classpath.add(pluginJar().toString());
                command.add(String.join(File.pathSeparator, classpath));
                command.add(LAUNCHER);
                command.add(Long.toString(request.connectTimeout.toMillis()));
                command.add(staged != null ? staged.planFile().toString() : "-");
            } else {
                command.add(String.join(File.pathSeparator, classpath));
                command.add(SPARK_SUBMIT_CLASS);
            }
        }
        command.addAll(arguments());
        return command;
    }

    private Path pluginJar() {
        try {
            return staged != null ? staged.pluginJar() : HadoopJvm.pluginJar();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
        if (!jars.isEmpty()) {
            add(args, "--jars", jars.stream().map(jar -> staged != null ? staged.jar(jar) : SparkUri.of(jar))
                    .collect(Collectors.joining(",")));
        }
        String archives = staged != null ? staged.archives(request.alias) : SparkUri.of(request.wheelhouse) + "#" + request.alias;
        if (request.pythonRuntime != null && !request.localMaster()) { // local executors use the runtime's copy here
            archives += "," + (staged != null ? staged.pythonRuntime() : SparkUri.of(request.pythonRuntime.layer())) + "#"
                    + request.runtimeAlias();
        }
        add(args, "--archives", archives);
        if (request.environment == EnvironmentMode.VIRTUALENV) {
            add(args, "--files", SparkUri.of(lock));
        }
        for (Map.Entry<String, String> conf : confs().entrySet()) {
            add(args, "--conf", conf.getKey() + "=" + conf.getValue());
        }
        args.add(runner.toString());
        args.addAll(request.jobArgs);
        return args;
    }

    /** Our confs first, the user's {@code <sparkConf>} last, so that the user's win. */
    Map<String, String> confs() {
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
        if (request.yarn()) {
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
        if (staged != null) { // the user's tags and the one that keeps this application's layers from the clean-up
            String tags = request.sparkConf.get("spark.yarn.tags");
            confs.put("spark.yarn.tags", tags == null || tags.isBlank() ? staged.tag() : tags + "," + staged.tag());
        }
        return confs;
    }

    /** Variables for the spark-submit process, on top of the inherited ones. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (request.hadoopConfDir != null) {
            env.put("HADOOP_CONF_DIR", request.hadoopConfDir.toString());
            env.put("YARN_CONF_DIR", request.hadoopConfDir.toString());
        }
        if (request.sparkHome != null) {
            env.put("SPARK_HOME", request.sparkHome.toString());
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
