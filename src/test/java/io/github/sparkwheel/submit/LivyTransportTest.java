package io.github.sparkwheel.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch a submission becomes, and what is read back from Livy's log. The batches themselves run on a real Livy
 * server in the submit-livy IT.
 */
class LivyTransportTest {

    @TempDir
    Path dir;

    private static final Path RUNNER = Paths.get("/w/runner.py");
    private static final String REPO = "https://nexus.example.com/repository/snapshots/com/acme/job/1.0-SNAPSHOT/";

    private static SubmitRequest request(LivyRequest.Delivery delivery) {
        SubmitRequest r = new SubmitRequest();
        r.wheelhouse = Paths.get("/p/target/job-1.0-SNAPSHOT-wheelhouse.zip");
        r.appName = "nightly sales";
        r.deployMode = "cluster";
        r.livy = new LivyRequest();
        r.livy.delivery = delivery;
        r.livy.settings.url = "https://gateway.example.com/gateway/default/livy/v1/";
        return r;
    }

    /** As the repository delivery names them: the deployed files' URLs. */
    private static String fromRepository(Path file) {
        return REPO + (file.equals(RUNNER) ? "job-1.0-20261204.101010-3-runner.py"
                : "job-1.0-20261204.101010-3-wheelhouse.zip");
    }

    private static Submission submission(SubmitRequest r) {
        return new Submission(r, RUNNER, Paths.get("/w/requirements.lock"), Paths.get("/w/wheelhouse"), r.jars, null,
                LivyTransportTest::fromRepository);
    }

    @Test
    void theBatch_isTheSubmission_withTheFilesWhereSparkOnTheLivyHostFetchesThem() throws Exception {
        SubmitRequest r = request(LivyRequest.Delivery.REPOSITORY);
        r.jobArgs.addAll(List.of("--day", "2026-12-04"));
        r.queue = "etl";
        r.driverMemory = "2g";
        r.executorMemory = "4g";
        r.executorCores = 2;
        r.numExecutors = 3;
        r.proxyUser = "ana";
        r.sparkConf.put("spark.sql.shuffle.partitions", "8");
        JsonObject body = LivyTransport.body(submission(r));

        assertThat(body.get("file").getAsString()).isEqualTo(REPO + "job-1.0-20261204.101010-3-runner.py");
        assertThat(body.getAsJsonArray("args").toString()).isEqualTo("[\"--day\",\"2026-12-04\"]");
        assertThat(body.getAsJsonArray("archives").toString())
                .isEqualTo("[\"" + REPO + "job-1.0-20261204.101010-3-wheelhouse.zip#wheelhouse\"]");
        assertThat(body.has("jars")).isFalse();
        assertThat(body.get("queue").getAsString()).isEqualTo("etl");
        assertThat(body.get("driverMemory").getAsString()).isEqualTo("2g");
        assertThat(body.get("executorMemory").getAsString()).isEqualTo("4g");
        assertThat(body.get("executorCores").getAsInt()).isEqualTo(2);
        assertThat(body.get("numExecutors").getAsInt()).isEqualTo(3);
        assertThat(body.get("proxyUser").getAsString()).isEqualTo("ana");
        JsonObject conf = body.getAsJsonObject("conf");
        assertThat(conf.get("spark.sql.shuffle.partitions").getAsString()).isEqualTo("8");
        assertThat(conf.get("spark.app.name").getAsString()).isEqualTo("nightly sales");
        assertThat(conf.get("spark.yarn.dist.forceDownloadSchemes").getAsString())
                .as("Spark's YARN client hands YARN no http(s) resource: it must download them itself")
                .isEqualTo("http,https");
        assertThat(body.get("name").getAsString()).as("Livy refuses a session name it still remembers")
                .matches("nightly sales-[0-9a-f]{8}")
                .isNotEqualTo(LivyTransport.body(submission(r)).get("name").getAsString());
    }

    @Test
    void theDryRun_printsTheRequest_withItsSecretsMasked() throws Exception {
        SubmitRequest r = request(LivyRequest.Delivery.REPOSITORY);
        r.sparkConf.put("spark.hadoop.fs.s3a.secret.key", "wJalrXUtnFEMI-very-secret");
        RecordingLog log = new RecordingLog();
        new LivyTransport(null, log).describe(submission(r));
        assertThat(log.lines.get(0)).isEqualTo("INFO Dry run, nothing is submitted. The request: POST "
                + "https://gateway.example.com/gateway/default/livy/v1/batches");
        assertThat(String.join("\n", log.lines)).doesNotContain("wJalrXUtnFEMI-very-secret")
                .contains("\"spark.hadoop.fs.s3a.secret.key\": \"")
                .contains("\"file\": \"" + REPO + "job-1.0-20261204.101010-3-runner.py\"");
    }

    @Test
    void thePropertiesFile_isReadHere_andTheSubmissionsConfsWin() throws Exception {
        Path properties = Files.writeString(dir.resolve("spark.properties"), "spark.executor.memoryOverhead = 1g\n"
                + "spark.app.name=from-file\nspark.yarn.dist.forceDownloadSchemes=s3a\nnot.spark=x\n");
        SubmitRequest r = request(LivyRequest.Delivery.REPOSITORY);
        r.propertiesFile = properties;
        r.sparkConf.put("spark.executor.memoryOverhead", "2g");
        Map<String, String> confs = LivyTransport.confs(submission(r));
        assertThat(confs).containsEntry("spark.executor.memoryOverhead", "2g").containsEntry("spark.app.name", "from-file")
                .containsEntry("spark.yarn.dist.forceDownloadSchemes", "s3a,http,https").doesNotContainKey("not.spark");
        assertThat(LivyTransport.body(submission(r)).getAsJsonObject("conf").get("spark.app.name").getAsString())
                .as("the file's name is the user's").isEqualTo("from-file");

        SubmitRequest staged = request(LivyRequest.Delivery.STAGING);
        assertThat(LivyTransport.confs(submission(staged))).doesNotContainKey("spark.yarn.dist.forceDownloadSchemes");
        assertThat(LivyTransport.forceDownloadSchemes("*")).isEqualTo("*");
        assertThat(LivyTransport.forceDownloadSchemes(" https , hdfs ")).isEqualTo("https,hdfs,http");
    }

    @Test
    void aFailedBatchsLog_withoutSparkSubmitsChatter_andYarnsDiagnostics() {
        List<String> log = List.of(
                "26/12/04 12:36:57 INFO Client: Source and destination file systems are the same. Not copying hdfs://nn/livy/jars/xz-1.9.jar",
                "26/12/04 12:36:58 INFO Client: Uploading resource file:/livy/local/1af3/job-wheelhouse.zip#wheelhouse -> hdfs://nn/user/ana/.sparkStaging/x.zip",
                "26/12/04 12:36:58 INFO SecurityManager: Changing view acls to: ana",
                "26/12/04 12:36:58 INFO Client: Submitting application application_1_0002 to ResourceManager",
                "\t final status: UNDEFINED",
                "26/12/04 12:36:58 INFO ShutdownHookManager: Shutdown hook called",
                "",
                "stderr: ",
                "",
                "YARN Diagnostics: ",
                "User application exited with status 1",
                "Failing this attempt.");
        assertThat(LivyTransport.tail(log, 8)).containsExactly(
                "26/12/04 12:36:58 INFO Client: Submitting application application_1_0002 to ResourceManager",
                "\t final status: UNDEFINED", "", "stderr: ", "", "YARN Diagnostics: ",
                "User application exited with status 1", "Failing this attempt.");
        assertThat(LivyTransport.tail(log, 100)).hasSize(8);
        assertThat(LivyTransport.yarnDiagnostics(log))
                .containsExactly("User application exited with status 1", "Failing this attempt.");
        assertThat(LivyTransport.yarnDiagnostics(List.of("YARN Diagnostics: Application killed by user.")))
                .containsExactly("Application killed by user.");
        assertThat(LivyTransport.yarnDiagnostics(List.of("spark-submit: no such file"))).isEmpty();
    }

    @Test
    void theDelivery_isTheOneAskedFor_elseChosenFromWhatTheBuildCanReach() throws Exception {
        Path conf = Paths.get("/etc/hadoop/conf");
        assertThat(LivyRequest.Delivery.choose(" Repository ", dir, conf, null)).isEqualTo(LivyRequest.Delivery.REPOSITORY);
        assertThat(LivyRequest.Delivery.choose(null, dir, conf, null)).isEqualTo(LivyRequest.Delivery.LOCAL);
        assertThat(LivyRequest.Delivery.choose("", null, conf, null)).isEqualTo(LivyRequest.Delivery.STAGING);
        assertThat(LivyRequest.Delivery.choose(null, null, null, "webhdfs://gateway:9870/user/ana"))
                .isEqualTo(LivyRequest.Delivery.STAGING);
        assertThat(LivyRequest.Delivery.choose(null, null, null, ".pyspark-maven-plugin"))
                .isEqualTo(LivyRequest.Delivery.REPOSITORY);
        assertThatThrownBy(() -> LivyRequest.Delivery.choose("upload", null, null, null)).isInstanceOf(UserError.class)
                .hasMessage("Unknown <livyDelivery> 'upload': use staging, repository or local (-Dpyspark.livyDelivery), "
                        + "or leave it out to have it chosen");
        assertThat(LivyRequest.runnerClassifier("wheelhouse")).isEqualTo("runner");
        assertThat(LivyRequest.runnerClassifier("linux-wheelhouse")).isEqualTo("linux-wheelhouse-runner");
        assertThat(LivyRequest.runtimeClassifier("wheelhouse")).isEqualTo("python-runtime");
        assertThat(LivyRequest.runtimeClassifier("linux-wheelhouse")).isEqualTo("linux-wheelhouse-python-runtime");
    }
}
