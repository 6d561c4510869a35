package io.github.sparkwheel.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.protocol.Protocol;
import io.github.sparkwheel.spark.SparkUri;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument building only: the submissions themselves run against a real YARN in the ITs. */
class SubmissionTest {

    @TempDir
    Path dir;

    private static final Path RUNNER = Paths.get("/w/runner.py");
    private static final Path LOCK = Paths.get("/w/requirements.lock");
    private static final Path LOCAL = Paths.get("/w/wheelhouse");

    private static SubmitRequest request() {
        SubmitRequest r = new SubmitRequest();
        r.wheelhouse = Paths.get("/p/target/job-1.0-wheelhouse.zip");
        r.appName = "job";
        r.hadoopConfDir = Paths.get("/etc/hadoop/conf");
        r.sparkJars.add(Paths.get("/m2/spark-core_2.12-3.5.5.jar"));
        r.sparkJars.add(Paths.get("/m2/spark-yarn_2.12-3.5.5.jar"));
        r.javaExecutable = "/jdk/bin/java";
        return r;
    }

    private static Submission command(SubmitRequest r) {
        return new Submission(r, RUNNER, LOCK, LOCAL, r.jars, null, SparkUri::of);
    }

    @Test
    void command_withoutSparkHome_checksTheClusterThenRunsSparkSubmitOverTheJarsWithConfDirFirstOnTheClasspath()
            throws Exception {
        SubmitRequest r = request();
        Path launcher = Paths.get(org.apache.spark.launcher.JavaModuleOptions.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()); // spark-launcher_2.12-3.5.5.jar, a test dependency: the module options
        r.sparkJars.add(launcher);
        List<String> cmd = DirectTransport.command(command(r));
        assertThat(cmd.get(0)).isEqualTo("/jdk/bin/java");
        int cp = cmd.indexOf("-cp");
        assertThat(cmd.subList(1, cp)).as("the JDK module options of that Spark, from its launcher jar")
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED");
        assertThat(cmd.subList(cp, cp + 5)).containsExactly("-cp", "/etc/hadoop/conf:/m2/spark-core_2.12-3.5.5.jar:"
                + "/m2/spark-yarn_2.12-3.5.5.jar" + File.pathSeparator + launcher + File.pathSeparator
                + io.github.sparkwheel.hadoop.ClusterJvm.pluginJar(), Protocol.Program.LAUNCHER.mainClass(), "20000", "-");
        SubmitRequest local = request();
        local.master = "local[2]"; // nothing to check: SparkSubmit itself
        List<String> localCommand = DirectTransport.command(command(local));
        assertThat(localCommand.get(localCommand.indexOf("-cp") + 2)).isEqualTo("org.apache.spark.deploy.SparkSubmit");
        assertThat(cmd).containsSequence("--conf", "spark.yarn.jars=file:///m2/spark-core_2.12-3.5.5.jar,"
                + "file:///m2/spark-yarn_2.12-3.5.5.jar," + launcher.toUri());
        assertThat(command(request()).environment()).containsEntry("HADOOP_CONF_DIR", "/etc/hadoop/conf")
                .containsEntry("YARN_CONF_DIR", "/etc/hadoop/conf")
                .containsEntry("PYSPARK_ARCHIVES_PATH", "local:pyspark-not-shipped--set-pysparkArchives.zip");
    }

    @Test
    void command_withSparkHome_usesItsSparkSubmitAndShipsNoJars() throws Exception {
        SubmitRequest r = request();
        r.sparkHome = Paths.get("/opt/spark");
        List<String> cmd = DirectTransport.command(command(r));
        assertThat(cmd.get(0)).isEqualTo("/opt/spark/bin/spark-submit");
        assertThat(cmd).noneMatch(a -> a.startsWith("spark.yarn.jars="));
        assertThat(command(r).environment()).containsEntry("SPARK_HOME", "/opt/spark").doesNotContainKey("PYSPARK_ARCHIVES_PATH");
    }

    @Test
    void arguments_clusterBootstrap_everyOptionThenTheRunnerAndTheJobArguments() {
        SubmitRequest r = request();
        r.queue = "etl";
        r.driverMemory = "1g";
        r.driverCores = 2;
        r.executorMemory = "4g";
        r.executorCores = 3;
        r.numExecutors = 5;
        r.propertiesFile = Paths.get("/p/spark.conf");
        r.jars.add(Paths.get("/m2/udf-1.0.jar"));
        r.jars.add(Paths.get("/m2/other.jar"));
        r.nodePython = "/usr/bin/python3.11";
        r.nodeCache = "/var/cache/venvs";
        r.jobArgs.addAll(List.of("--date", "2026-11-23"));
        assertThat(command(r).arguments()).containsExactly(
                "--master", "yarn", "--deploy-mode", "cluster", "--name", "job", "--queue", "etl",
                "--driver-memory", "1g", "--driver-cores", "2", "--executor-memory", "4g", "--executor-cores", "3",
                "--num-executors", "5", "--properties-file", "/p/spark.conf",
                "--jars", "file:///m2/udf-1.0.jar,file:///m2/other.jar",
                "--archives", "file:///p/target/job-1.0-wheelhouse.zip#wheelhouse",
                "--conf", "spark.pyspark.python=./wheelhouse/bootstrap/python",
                "--conf", "spark.pyspark.driver.python=./wheelhouse/bootstrap/python",
                "--conf", "spark.yarn.appMasterEnv.PYSPARK_WHEELHOUSE_PYTHON=/usr/bin/python3.11",
                "--conf", "spark.yarn.appMasterEnv.PYSPARK_WHEELHOUSE_CACHE=/var/cache/venvs",
                "--conf", "spark.executorEnv.PYSPARK_WHEELHOUSE_PYTHON=/usr/bin/python3.11",
                "--conf", "spark.executorEnv.PYSPARK_WHEELHOUSE_CACHE=/var/cache/venvs",
                "--conf", "spark.yarn.submit.waitAppCompletion=true",
                "--conf", "spark.yarn.jars=file:///m2/spark-core_2.12-3.5.5.jar,file:///m2/spark-yarn_2.12-3.5.5.jar",
                "/w/runner.py", "--date", "2026-11-23");
    }

    @Test
    void arguments_clientBootstrap_theLocalDriverUsesTheUnpackedBootstrapWithTheBuildsPython() throws Exception {
        SubmitRequest r = request();
        r.deployMode = "client";
        r.localPython = "/usr/local/bin/python3.11";
        r.localCache = Paths.get("/p/target/pyspark-submit/cache");
        Path pyspark = Files.createFile(dir.resolve("pyspark.zip"));
        Path py4j = Files.createFile(dir.resolve("py4j-0.10.9.7-src.zip"));
        r.pysparkArchives.addAll(List.of(pyspark.toString(), "local:" + py4j, "local:/nodes/only/py4j.zip"));
        Submission command = command(r);
        assertThat(command.arguments()).containsSequence("--conf", "spark.pyspark.python=./wheelhouse/bootstrap/python",
                "--conf", "spark.pyspark.driver.python=/w/wheelhouse/bootstrap/python");
        // the local driver imports what exists here; YARN gets every entry, files as URIs to upload
        assertThat(command.environment()).containsEntry("PYSPARK_WHEELHOUSE_PYTHON", "/usr/local/bin/python3.11")
                .containsEntry("PYSPARK_WHEELHOUSE_CACHE", "/p/target/pyspark-submit/cache")
                .containsEntry("PYTHONPATH", pyspark + File.pathSeparator + py4j)
                .containsEntry("PYSPARK_ARCHIVES_PATH", pyspark.toUri() + ",local:" + py4j + ",local:/nodes/only/py4j.zip");
    }

    @Test
    void arguments_localMaster_driverAndExecutorsUseTheBootstrapUnpackedHere() {
        SubmitRequest r = request();
        r.master = "local[2]";
        r.deployMode = "client";
        r.hadoopConfDir = null;
        r.localPython = "/usr/local/bin/python3.11";
        r.localCache = Paths.get("/p/target/pyspark-submit/cache");
        List<String> args = command(r).arguments();
        assertThat(args).contains("spark.pyspark.python=/w/wheelhouse/bootstrap/python",
                "spark.pyspark.driver.python=/w/wheelhouse/bootstrap/python",
                "spark.executorEnv.PYSPARK_WHEELHOUSE_PYTHON=/usr/local/bin/python3.11",
                "spark.executorEnv.PYSPARK_WHEELHOUSE_CACHE=/p/target/pyspark-submit/cache")
                .noneMatch(a -> a.startsWith("spark.yarn.jars=") || a.startsWith("spark.yarn.submit"));
        assertThat(command(r).environment()).doesNotContainKey("HADOOP_CONF_DIR");
    }

    @Test
    void arguments_withAPythonRuntime_itTravelsBesideTheWheelhouseAndIsEveryContainersBasePython() throws Exception {
        SubmitRequest r = request();
        r.nodePython = "/usr/bin/python3.6"; // what the nodes have does not matter any more
        r.pythonRuntime = io.github.sparkwheel.runtime.FakeRuntimes.forNodes(dir);
        List<String> args = command(r).arguments();
        assertThat(args).containsSequence("--archives", "file:///p/target/job-1.0-wheelhouse.zip#wheelhouse,"
                + r.pythonRuntime.layer().toUri() + "#wheelhouse-python")
                .contains("spark.yarn.appMasterEnv.PYSPARK_WHEELHOUSE_PYTHON=./wheelhouse-python/bin/python3",
                        "spark.executorEnv.PYSPARK_WHEELHOUSE_PYTHON=./wheelhouse-python/bin/python3")
                .noneMatch(a -> a.contains("python3.6"));
        assertThat(r.pythonRuntime.layer().getFileName().toString()).endsWith(".tar.gz"); // YARN untars it, links kept

        // client mode: the driver here runs on the runtime as the nodes get it, unpacked on this machine
        r.deployMode = "client";
        assertThat(command(r).environment()).containsEntry("PYSPARK_WHEELHOUSE_PYTHON",
                r.pythonRuntime.unpacked().python().toString());
        // local[2]: executors here too; nothing to ship for them
        r.master = "local[2]";
        assertThat(command(r).arguments()).contains("--archives", "file:///p/target/job-1.0-wheelhouse.zip#wheelhouse",
                "spark.executorEnv.PYSPARK_WHEELHOUSE_PYTHON=" + r.pythonRuntime.unpacked().python());
    }

    @Test
    void arguments_virtualenvMode_theSeedsConfsWithTheLockShippedAsAFile() {
        SubmitRequest r = request();
        r.environment = EnvironmentMode.VIRTUALENV;
        r.virtualenv.binPath = "/usr/bin/virtualenv";
        r.virtualenv.trustedHost = "pypi.corp";
        r.virtualenv.installPackage = "true";
        List<String> args = command(r).arguments();
        assertThat(args).containsSequence("--archives", "file:///p/target/job-1.0-wheelhouse.zip#wheelhouse",
                "--files", "file:///w/requirements.lock",
                "--conf", "spark.pyspark.virtualenv.enabled=true",
                "--conf", "spark.pyspark.virtualenv.type=native",
                "--conf", "spark.pyspark.virtualenv.bin.path=/usr/bin/virtualenv",
                "--conf", "spark.pyspark.virtualenv.requirements=requirements.lock",
                "--conf", "spark.pyspark.virtualenv.use_index=false",
                "--conf", "spark.pyspark.virtualenv.trusted_host=pypi.corp",
                "--conf", "spark.pyspark.virtualenv.system_site_packages=false",
                "--conf", "spark.pyspark.virtualenv.upgrade_pip=false",
                "--conf", "spark.pyspark.virtualenv.install_package=true");
        assertThat(args).noneMatch(a -> a.startsWith("spark.pyspark.python=")).noneMatch(a -> a.contains("index_url"));

        r.virtualenv.indexUrl = "https://pypi.corp/simple";
        assertThat(command(r).arguments()).contains("spark.pyspark.virtualenv.use_index=true",
                "spark.pyspark.virtualenv.index_url=https://pypi.corp/simple");
    }

    @Test
    void arguments_usersSparkConfComesLastAndWins_andItsJarsSettingIsKept() {
        SubmitRequest r = request();
        r.sparkConf.put("spark.pyspark.python", "/opt/python/bin/python");
        r.sparkConf.put("spark.yarn.jars", "local:/opt/spark/jars/*");
        r.waitForCompletion = false;
        List<String> args = command(r).arguments();
        assertThat(args.lastIndexOf("spark.pyspark.python=/opt/python/bin/python"))
                .isGreaterThan(args.indexOf("spark.pyspark.python=./wheelhouse/bootstrap/python"));
        assertThat(args).contains("spark.yarn.submit.waitAppCompletion=false", "spark.yarn.jars=local:/opt/spark/jars/*")
                .filteredOn(a -> a.startsWith("spark.yarn.jars=")).hasSize(1);
    }

    @Test
    void arguments_pathsWithSpacesReachSparkAsEncodedUris_whichSparkReadsBackAsThoseFiles() {
        SubmitRequest r = request();
        r.wheelhouse = Paths.get("/home/ana/click stream job/target/job-1.0-wheelhouse.zip");
        r.jars.add(Paths.get("/home/ana/click stream job/udf/target/udf #1.jar"));
        r.pysparkArchives.addAll(List.of("/opt/py spark/pyspark.zip", "local:/opt/spark/python/lib/py4j.zip"));
        Submission command = command(r);
        String archives = command.arguments().get(command.arguments().indexOf("--archives") + 1);
        assertThat(archives).isEqualTo("file:///home/ana/click%20stream%20job/target/job-1.0-wheelhouse.zip#wheelhouse");
        // what Spark's Utils.resolveURI does with it: a URI whose path is the file and whose fragment is the alias
        java.net.URI parsed = java.net.URI.create(archives);
        assertThat(Paths.get(parsed.getPath())).isEqualTo(r.wheelhouse);
        assertThat(parsed.getFragment()).isEqualTo("wheelhouse");
        String jar = command.arguments().get(command.arguments().indexOf("--jars") + 1);
        assertThat(Paths.get(java.net.URI.create(jar))).isEqualTo(r.jars.get(0));
        assertThat(command.environment().get("PYSPARK_ARCHIVES_PATH"))
                .isEqualTo("file:///opt/py%20spark/pyspark.zip,local:/opt/spark/python/lib/py4j.zip");
    }

    @Test
    void aSecuredSubmission_getsTokensForTheLayersFileSystems_whenTheyAreNotTheDefaultOne() {
        String defaultFs = "hdfs://nn:8020";
        assertThat(Submission.accessFileSystems(null, List.of(defaultFs), defaultFs)).isNull();
        assertThat(Submission.accessFileSystems(null, List.of("webhdfs://nn:9870", defaultFs), defaultFs))
                .isEqualTo("webhdfs://nn:9870");
        // the user's own list first, kept as it is, and nothing twice
        assertThat(Submission.accessFileSystems("s3a://lake, webhdfs://nn:9870", List.of("webhdfs://nn:9870",
                "hdfs://shared-nn:8020"), defaultFs)).isEqualTo("s3a://lake,webhdfs://nn:9870,hdfs://shared-nn:8020");
    }

    @Test
    void aKeytabLogin_reachesSpark_butAProxyUserTakesItsPlace() throws Exception {
        Path keytab = Files.write(dir.resolve("etl.keytab"), new byte[] {5, 2});
        SubmitRequest r = request();
        r.kerberos = io.github.sparkwheel.kerberos.KerberosLogin.ofKeytab("etl@EXAMPLE.COM", keytab);
        assertThat(command(r).arguments()).containsSequence("--principal", "etl@EXAMPLE.COM", "--keytab", keytab.toString());
        r.proxyUser = "alice"; // Spark takes one or the other: the launcher's own login (the keytab) acts for alice
        assertThat(command(r).arguments()).containsSequence("--proxy-user", "alice").doesNotContain("--principal", "--keytab");
    }

    @Test
    void secrets_confsNamingSecretsAreMasked() {
        SubmitRequest r = request();
        r.sparkConf.put("spark.hadoop.fs.s3a.secret.key", "s3cr3t");
        r.sparkConf.put("spark.ssl.keyStorePassword", "hunter22");
        r.sparkConf.put("spark.executor.memory", "4g");
        assertThat(SparkSubmitter.secrets(r)).containsExactlyInAnyOrder("s3cr3t", "hunter22");
    }
}
