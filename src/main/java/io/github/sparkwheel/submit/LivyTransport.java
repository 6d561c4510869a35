package io.github.sparkwheel.submit;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.livy.LivyBatch;
import io.github.sparkwheel.livy.LivyClient;
import io.github.sparkwheel.livy.RepositoryFiles;
import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.SecretMasker;
import io.github.sparkwheel.runner.RunnerScript;
import io.github.sparkwheel.spark.SparkUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Submits through Apache Livy's batch API, directly or behind a gateway (Knox): the same submission as the direct
 * transport's (its layers, confs, runner and arguments) as a batch's JSON. Livy has no upload endpoint, so the files go
 * first where Spark on the Livy host finds them ({@link LivyRequest.Delivery}); then the batch is created and followed
 * until it ends, its state changes, YARN application and tracking URL in the build's log. A timeout or Ctrl-C deletes
 * the batch, and Livy kills its application: nothing is left running.
 */
final class LivyTransport implements Transport {

    /** How many of the batch's last log lines a failure shows: spark-submit's end and YARN's diagnostics. */
    static final int LOG_TAIL = 25;
    /** Lines read from the end of Livy's log, before the noise is dropped. */
    static final int LOG_READ = 400;
    /** After this long without a state change, a line says what the batch waits on. */
    static final long HEARTBEAT_NANOS = 30_000_000_000L;

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final ProcessRunner runner;
    private final BuildLog log;
    private LivyClient client;

    LivyTransport(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    private LivyClient client(SubmitRequest request) throws UserError {
        if (client == null) {
            client = new LivyClient(request.livy.settings);
        }
        return client;
    }

    @Override
    public Function<Path, String> prepare(SubmitRequest request, StagedSubmission staged, List<Path> files)
            throws UserError, IOException {
        LivyRequest livy = request.livy;
        if (!request.dryRun) {
            try {
                client(request).check();
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
        switch (livy.delivery) {
            case STAGING:
                if (staged == null) {
                    throw new UserError("Through Livy the files must wait where Spark on the Livy host finds them, and "
                            + "staging them is off (" + (request.environment != EnvironmentMode.BOOTSTRAP
                            ? "the virtualenv environment ships the wheelhouse whole" : "<staging> is false")
                            + "): perhaps you should set <livyDelivery> (-Dpyspark.livyDelivery) to local or repository");
                }
                log.info("The files go to Livy's cluster through the staging directory " + staged.stagingDirectory());
                new LayerStaging(runner, log).stage(request, staged);
                return SparkUri::of;
            case LOCAL:
                return copyToLocalDirectory(livy.localDirectory, files);
            case REPOSITORY:
            default:
                return fromRepository(request, files);
        }
    }

    /** Copies the files into Livy's whitelisted directory, each under its content's address, and names the copies. */
    private Function<Path, String> copyToLocalDirectory(Path directory, List<Path> files) throws UserError, IOException {
        if (directory == null) {
            throw new UserError("<livyDelivery> local needs the directory Livy takes local files from: perhaps you "
                    + "should set <livyLocalDirectory> (-Dpyspark.livyLocalDirectory) to one that Livy's "
                    + "livy.file.local-dir-whitelist holds");
        }
        if (!Files.isDirectory(directory)) {
            throw new UserError("The Livy local directory " + directory + " does not exist on this machine: <livyDelivery> "
                    + "local works when the build runs on the Livy host; perhaps you should fix <livyLocalDirectory> "
                    + "(-Dpyspark.livyLocalDirectory), or deliver the files through the staging directory or the repository");
        }
        Map<Path, String> copies = new LinkedHashMap<>();
        long copied = 0;
        for (Path file : files) {
            Path target = directory.resolve(Digests.sha256(file).substring(0, 16)).resolve(file.getFileName().toString());
            if (!Files.isRegularFile(target)) {
                Files.createDirectories(target.getParent());
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                copied += Files.size(target);
            }
            copies.put(file, SparkUri.of(target));
        }
        log.info("The files go to Livy through its local directory " + directory + ": " + copies.size() + " files, "
                + copied + " bytes copied, the rest already there");
        return path -> name(copies, path);
    }

    /**
     * The deployed wheelhouse and runner, by their repository URLs: Spark on the Livy host fetches them. The deployed
     * wheelhouse must be the one built here.
     */
    private Function<Path, String> fromRepository(SubmitRequest request, List<Path> files)
            throws UserError, IOException {
        LivyRequest livy = request.livy;
        if (livy.repositoryUrl == null || !livy.repositoryUrl.matches("(?i)https?://.+")) {
            throw new UserError("Through the Maven repository, Spark on the Livy host fetches the wheelhouse over HTTP(S), "
                    + "and " + (livy.repositoryUrl == null ? "this project names no repository it deploys to"
                    : livy.repositoryUrl + " is not an http(s) URL") + ": perhaps you should set <livyRepositoryUrl> "
                    + "(-Dpyspark.livyRepositoryUrl) or <distributionManagement>, or deliver the files another way "
                    + "(<livyDelivery> staging or local, -Dpyspark.livyDelivery)");
        }
        RepositoryFiles repository = new RepositoryFiles(livy.repositoryUrl, livy.groupId, livy.artifactId, livy.version,
                livy.settings.connectTimeout);
        Map<Path, String> urls = new LinkedHashMap<>();
        try {
            for (Path file : files) {
                if (file.equals(request.wheelhouse)) {
                    String url = repository.url(livy.classifier, "zip");
                    repository.checkSame(url, file, "wheelhouse");
                    urls.put(file, url);
                } else if (file.getFileName().toString().equals(RunnerScript.FILE_NAME)) {
                    urls.put(file, repository.url(LivyRequest.runnerClassifier(livy.classifier), "py"));
                } else if (request.pythonRuntime != null && file.equals(request.pythonRuntime.layer())) {
                    String url = repository.url(LivyRequest.runtimeClassifier(livy.classifier), "tar.gz");
                    repository.checkSame(url, file, "Python runtime's layer");
                    urls.put(file, url);
                } else {
                    throw new UserError("Through the Maven repository only what the wheelhouse goal attaches reaches "
                            + "Livy (the wheelhouse, its runner, its Python runtime's layer), and this submission needs "
                            + file.getFileName() + " as well (" + (request.environment == EnvironmentMode.VIRTUALENV
                            ? "the lock of the virtualenv environment" : "a jar of the module's") + "): perhaps you "
                            + "should set <livyDelivery> (-Dpyspark.livyDelivery) to staging or local");
                }
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        log.info("The files go to Livy from the Maven repository: Spark fetches " + String.join(", ", urls.values()));
        return path -> name(urls, path);
    }

    private static String name(Map<Path, String> names, Path path) {
        String name = names.get(path);
        if (name == null) {
            throw new IllegalStateException("no copy of " + path + " for Livy");
        }
        return name;
    }

    /** The batch's JSON, as Livy's {@code POST /batches} takes it. */
    static JsonObject body(Submission submission) throws IOException {
        SubmitRequest request = submission.request();
        JsonObject body = new JsonObject();
        body.addProperty("file", submission.runnerUri());
        body.add("args", array(request.jobArgs));
        if (!submission.archives().isEmpty()) {
            body.add("archives", array(submission.archives()));
        }
        if (!submission.jars().isEmpty()) {
            body.add("jars", array(submission.jars()));
        }
        if (!submission.files().isEmpty()) {
            body.add("files", array(submission.files()));
        }
        JsonObject conf = new JsonObject();
        confs(submission).forEach(conf::addProperty);
        body.add("conf", conf);
        if (request.appName != null && !request.appName.isBlank()) {
            // Livy takes "name" for its session and refuses one it still remembers (400 Duplicate session name): the
            // application's name goes as Spark's conf, the session's is made unique
            if (!conf.has("spark.app.name")) {
                conf.addProperty("spark.app.name", request.appName.trim());
            }
            body.addProperty("name", request.appName.trim() + "-" + String.format("%08x", RANDOM.nextInt()));
        }
        put(body, "queue", request.queue);
        put(body, "driverMemory", request.driverMemory);
        put(body, "executorMemory", request.executorMemory);
        if (request.driverCores != null) {
            body.addProperty("driverCores", request.driverCores);
        }
        if (request.executorCores != null) {
            body.addProperty("executorCores", request.executorCores);
        }
        if (request.numExecutors != null) {
            body.addProperty("numExecutors", request.numExecutors);
        }
        put(body, "proxyUser", request.proxyUser);
        return body;
    }

    /**
     * The batch's confs: those of {@code <propertiesFile>} (read here: Livy cannot read a file of this machine), then
     * the submission's, which win as {@code --conf} wins over {@code --properties-file}; with the repository's
     * {@code http}/{@code https} resources, Spark is told to download them itself before it hands them to YARN.
     */
    static Map<String, String> confs(Submission submission) throws IOException {
        SubmitRequest request = submission.request();
        Map<String, String> confs = new LinkedHashMap<>();
        if (request.propertiesFile != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(request.propertiesFile)) {
                properties.load(in);
            }
            properties.stringPropertyNames().stream().sorted().filter(k -> k.startsWith("spark."))
                    .forEach(k -> confs.put(k, properties.getProperty(k).trim()));
        }
        confs.putAll(submission.confs());
        if (request.livy.delivery == LivyRequest.Delivery.REPOSITORY) {
            confs.put(FORCE_DOWNLOAD_SCHEMES, forceDownloadSchemes(confs.get(FORCE_DOWNLOAD_SCHEMES)));
        }
        return confs;
    }

    /** Spark's list of URI schemes it downloads itself before YARN sees them (its YARN client cannot read HTTP). */
    static final String FORCE_DOWNLOAD_SCHEMES = "spark.yarn.dist.forceDownloadSchemes";

    static String forceDownloadSchemes(String configured) {
        List<String> schemes = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            schemes.addAll(List.of(configured.trim().split("\\s*,\\s*")));
        }
        for (String scheme : new String[] {"http", "https"}) {
            if (!schemes.contains(scheme) && !schemes.contains("*")) {
                schemes.add(scheme);
            }
        }
        return String.join(",", schemes);
    }

    private static JsonArray array(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static void put(JsonObject body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.addProperty(name, value.trim());
        }
    }

    @Override
    public void describe(Submission submission) throws IOException {
        SecretMasker masker = new SecretMasker(SparkSubmitter.secrets(submission.request()));
        log.info("Dry run, nothing is submitted. The request: POST " + submission.request().livy.settings.url
                .replaceAll("/+$", "") + "/batches");
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(body(submission));
        json.lines().forEach(line -> log.info(masker.mask(line)));
    }

    @Override
    public Outcome send(Submission submission) throws UserError, IOException {
        SubmitRequest request = submission.request();
        LivyClient livy = client(request);
        try {
            LivyBatch batch = livy.create(body(submission));
            log.info("Livy batch " + batch.id + " created (" + batch.state + ") at " + livy.batchesUrl() + "/" + batch.id
                    + ": " + request.wheelhouse.getFileName() + ", cluster mode, "
                    + request.environment.name().toLowerCase(java.util.Locale.ROOT) + " environment");
            return follow(request, livy, batch);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Follows the batch to its end, the timeout, or Ctrl-C; the last two delete it. */
    private Outcome follow(SubmitRequest request, LivyClient livy, LivyBatch created)
            throws UserError, IOException, InterruptedException {
        int id = created.id;
        Thread deleteOnExit = new Thread(() -> {
            try {
                livy.delete(id);
                log.warn("Deleted Livy batch " + id + " (the build was stopped); Livy kills its YARN application");
            } catch (Exception e) {
                log.warn("Could not delete Livy batch " + id + " (" + e.getMessage() + "): delete it with "
                        + "curl -X DELETE -H 'X-Requested-By: you' " + livy.batchesUrl() + "/" + id);
            }
        }, "pyspark-livy-delete-batch-" + id);
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
        try {
            long started = System.nanoTime();
            long deadline = request.timeout == null || request.timeout.isZero() ? Long.MAX_VALUE
                    : started + request.timeout.toNanos();
            LivyBatch batch = created;
            String state = created.state;
            String app = null;
            String tracking = null;
            long lastLine = started;
            while (true) {
                if (batch.appId != null && app == null) {
                    app = batch.appId;
                    log.info("Livy batch " + id + " runs as YARN application " + app);
                    lastLine = System.nanoTime();
                    if (!request.waitForCompletion) {
                        return new Outcome(app, null, List.of(), true, null, "Livy batch " + id + " " + batch.state, "");
                    }
                }
                if (batch.trackingUrl != null && !batch.trackingUrl.equals(tracking)) {
                    tracking = batch.trackingUrl;
                    log.info("YARN application " + app + ": tracking URL " + tracking);
                }
                if (batch.state != null && !batch.state.equals(state)) {
                    state = batch.state;
                    log.info("Livy batch " + id + ": " + state);
                    lastLine = System.nanoTime();
                }
                if (batch.ended()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    return timedOut(request, livy, id, app);
                }
                if (System.nanoTime() - lastLine > HEARTBEAT_NANOS) {
                    log.info("Livy batch " + id + " has been " + state + " for " + (System.nanoTime() - started) / 1_000_000_000L
                            + " s" + (app == null ? ": Livy has not found its YARN application yet" : ""));
                    lastLine = System.nanoTime();
                }
                Thread.sleep(request.livy.pollInterval.toMillis());
                batch = livy.batch(id);
            }
            if (batch.succeeded()) {
                return new Outcome(app, "SUCCEEDED", List.of(), true, null, "Livy batch " + id + " succeeded", "");
            }
            List<String> log = livy.logTail(id, LOG_READ);
            List<String> tail = tail(log, LOG_TAIL);
            return new Outcome(app, "killed".equals(batch.state) ? "KILLED" : "FAILED", yarnDiagnostics(log), false, null,
                    "Livy batch " + id + " ended " + batch.state, String.join(System.lineSeparator(), tail));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(deleteOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: the build is being stopped
            }
        }
    }

    /**
     * The last {@code count} lines of Livy's log that say something: without spark-submit's line per Spark jar it
     * did not copy or resource it uploaded, and its security and shutdown-hook chatter.
     */
    static List<String> tail(List<String> log, int count) {
        List<String> said = log.stream().filter(line -> !NOISE.matcher(line).find()).collect(Collectors.toList());
        return said.subList(Math.max(0, said.size() - count), said.size());
    }

    /** What Livy's log says under its last {@code YARN Diagnostics:} heading. */
    static List<String> yarnDiagnostics(List<String> log) {
        List<String> diagnostics = new ArrayList<>();
        for (int i = log.size() - 1; i >= 0; i--) {
            String line = log.get(i).strip();
            if (line.startsWith(YARN_DIAGNOSTICS)) {
                String first = line.substring(YARN_DIAGNOSTICS.length()).strip();
                if (!first.isEmpty()) {
                    diagnostics.add(first);
                }
                log.subList(i + 1, log.size()).stream().map(String::strip).filter(l -> !l.isEmpty())
                        .forEach(diagnostics::add);
                break;
            }
        }
        return diagnostics;
    }

    private static final String YARN_DIAGNOSTICS = "YARN Diagnostics:";

    private static final Pattern NOISE = Pattern.compile("INFO (Client: (Source and destination file systems are the same"
            + "|Uploading resource)|SecurityManager:|ShutdownHookManager:)");

    private Outcome timedOut(SubmitRequest request, LivyClient livy, int id, String app)
            throws UserError, IOException, InterruptedException {
        livy.delete(id);
        String stopped = "deleted Livy batch " + id + (app == null ? "" : ", and Livy kills YARN application " + app);
        return new Outcome(app, null, List.of(), false, "Timeout: Livy batch " + id + " ran longer than "
                + request.timeout.toSeconds() + " s", null, null, stopped);
    }

    private static UserError interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new UserError("Interrupted while talking to Livy", new InterruptedIOException(e.getMessage()));
    }
}
