package io.github.sparkwheel.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.protocol.LayerKind;
import io.github.sparkwheel.protocol.Protocol;
import io.github.sparkwheel.protocol.StagingPlan;
import io.github.sparkwheel.staging.Layer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stager against a real HDFS (MiniDFSCluster): content addresses, races, permissions, the clean-up. */
class LayerStagerTest {

    private static final String STAGER = Protocol.Program.STAGER.prefix();

    private static MiniDFSCluster dfs;
    private static FileSystem hdfs;
    private static Configuration conf;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHdfs(@TempDir Path base) throws Exception {
        Configuration dfsConf = new Configuration();
        dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        dfsConf.setInt("dfs.replication", 1);
        dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).format(true).build();
        dfs.waitActive();
        hdfs = dfs.getFileSystem();
        conf = new Configuration(dfsConf);
        conf.set("fs.defaultFS", hdfs.getUri().toString());
        hdfs.setPermission(new org.apache.hadoop.fs.Path("/"), new FsPermission((short) 0755));
    }

    @AfterAll
    static void stopHdfs() {
        if (dfs != null) {
            dfs.shutdown();
        }
    }

    private Layer layer(LayerKind kind, String name, int size, long seed) throws Exception {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return Layer.ofFile(kind, Files.write(dir.resolve(name), content));
    }

    private static List<StagingPlan.Entry> entries(List<Layer> layers) {
        List<StagingPlan.Entry> entries = new ArrayList<>();
        layers.forEach(layer -> entries.add(layer.entry()));
        return entries;
    }

    private StagingPlan plan(String staging, String record, int keep, long grace, List<Layer> layers) {
        return StagingPlan.of(hdfs.getUri() + staging, "com.example:job", record, keep, grace, false, entries(layers));
    }

    /** Runs the stager; its output lines. */
    private List<String> stage(StagingPlan plan, Set<String> running, int expectedStatus) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new LayerStager(conf, new PrintStream(out, true, StandardCharsets.UTF_8), () -> running).stage(plan);
        List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(status).as(String.join("\n", lines)).isEqualTo(expectedStatus);
        return lines;
    }

    private static List<String> names(String directory) throws Exception {
        List<String> names = new ArrayList<>();
        for (FileStatus status : hdfs.listStatus(new org.apache.hadoop.fs.Path(directory))) {
            names.add(status.getPath().getName());
        }
        return names;
    }

    @Test
    void stage_uploadsEachLayerOnceUnderItsContentAddress_privately_andAgainUploadsNothing() throws Exception {
        Layer deps = layer(LayerKind.DEPENDENCIES, "deps.zip", 4096, 1);
        Layer job = layer(LayerKind.JOB, "job.zip", 512, 2);
        List<String> first = stage(plan("/once", "20261124-000001-aaaaaaaa", 0, 3600, List.of(deps, job)), Set.of(), 0);
        // the directories above a new staging directory stay as the file system makes them: open to others
        stage(plan("/team/shared-parent/staging", "20261124-000001-cccccccc", 0, 3600, List.of(job)), Set.of(), 0);
        for (String d : List.of("/team", "/team/shared-parent")) {
            assertThat(hdfs.getFileStatus(new org.apache.hadoop.fs.Path(d)).getPermission().toShort()).as(d)
                    .isEqualTo((short) 0755);
        }
        assertThat(hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/team/shared-parent/staging")).getPermission()
                .toShort()).isEqualTo((short) 0700);
        assertThat(first).anyMatch(l -> l.startsWith(STAGER + "dependencies layer " + deps.stagedName()
                + ": staged, 4096 bytes in ")).anyMatch(l -> l.contains("job layer " + job.stagedName() + ": staged"))
                .contains(STAGER + "the layers (dependencies, job) are PRIVATE: " + hdfs.getUri()
                        + "/once/layers is rwx------ and they are rw-------, so only you can read your job's code and "
                        + "libraries; YARN localizes them for your applications alone, and each NodeManager reuses its "
                        + "copy across them");
        FileStatus staged = hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/once/layers/" + deps.stagedName()));
        assertThat(staged.getPermission().toShort()).isEqualTo((short) 0600);
        for (String d : List.of("/once", "/once/layers", "/once/records", "/once/records/com.example/job")) {
            assertThat(hdfs.getFileStatus(new org.apache.hadoop.fs.Path(d)).getPermission().toShort()).as(d)
                    .isEqualTo((short) 0700);
        }
        assertThat(hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/once/records/com.example/job/20261124-000001-aaaaaaaa"))
                .getPermission().toShort()).isEqualTo((short) 0600);

        List<String> second = stage(plan("/once", "20261124-000002-bbbbbbbb", 0, 3600, List.of(deps, job)), Set.of(), 0);
        for (Layer layer : List.of(deps, job)) {
            long modified = hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/once/layers/" + layer.stagedName()))
                    .getModificationTime();
            assertThat(second).contains(STAGER + layer.kind().label() + " layer " + layer.stagedName()
                    + ": already staged (modified " + modified + ")");
        }
        assertThat(hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/once/layers/" + deps.stagedName()))
                .getModificationTime()).isEqualTo(staged.getModificationTime());
        assertThat(names("/once/layers")).containsExactlyInAnyOrder(deps.stagedName(), job.stagedName());
        assertThat(names("/once/records/com.example/job")).containsExactlyInAnyOrder("20261124-000001-aaaaaaaa",
                "20261124-000002-bbbbbbbb");
    }

    @Test
    void stage_theSamePlanAgain_asASubmissionSentOnceMore_succeeds_butARecordOfThatIdNamingOtherLayersIsKept()
            throws Exception {
        Layer deps = layer(LayerKind.DEPENDENCIES, "deps.zip", 2048, 3);
        Layer job = layer(LayerKind.JOB, "job.zip", 256, 4);
        StagingPlan plan = plan("/again", "20261205-001333-11e04228", 0, 3600, List.of(deps, job));
        stage(plan, Set.of(), 0);
        org.apache.hadoop.fs.Path record = new org.apache.hadoop.fs.Path("/again/records/com.example/job/20261205-001333-11e04228");
        long written = hdfs.getFileStatus(record).getModificationTime();

        List<String> again = stage(plan, Set.of(), 0);
        assertThat(again).anyMatch(l -> l.startsWith(STAGER + "job layer " + job.stagedName() + ": already staged"));
        assertThat(hdfs.getFileStatus(record).getModificationTime()).isEqualTo(written);
        assertThat(hdfs.getFileStatus(record).getPermission().toShort()).isEqualTo((short) 0600);

        List<String> other = stage(plan("/again", "20261205-001333-11e04228", 0, 3600, List.of(job)), Set.of(),
                Protocol.Failure.STAGING_UNWRITABLE.status());
        assertThat(other).anyMatch(l -> l.contains("20261205-001333-11e04228") && l.contains("already exists"));
        try (var in = hdfs.open(record)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(deps.stagedName() + "\n" + job.stagedName() + "\n");
        }
    }

    @Test
    void stage_anotherUserCannotReadTheLayers_anEarlierOpenDirectoryIsTightened_andTheOwnerReusesThem() throws Exception {
        org.apache.hadoop.fs.Path home = new org.apache.hadoop.fs.Path("/user/carol");
        hdfs.mkdirs(home, new FsPermission((short) 0755));
        hdfs.setOwner(home, "carol", "carol");
        // what an earlier plugin version left: an open staging directory
        UserGroupInformation carol = UserGroupInformation.createRemoteUser("carol");
        carol.doAs((PrivilegedExceptionAction<Boolean>) () -> FileSystem.get(conf).mkdirs(
                new org.apache.hadoop.fs.Path("/user/carol/.pyspark-maven-plugin/layers"), new FsPermission((short) 0755)));
        Layer job = layer(LayerKind.JOB, "secret-job.zip", 1024, 7);
        StagingPlan first = plan("/user/carol/.pyspark-maven-plugin", "20261124-000010-aaaaaaaa", 5, 3600, List.of(job));
        List<String> lines = carol.doAs((PrivilegedExceptionAction<List<String>>) () -> stage(first, Set.of(), 0));
        assertThat(lines).anyMatch(l -> l.contains("job layer " + job.stagedName() + ": staged"))
                .anyMatch(l -> l.contains("the layers (job) are PRIVATE: " + hdfs.getUri() + "/user/carol/.pyspark-maven-plugin"));
        assertThat(hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/user/carol/.pyspark-maven-plugin/layers"))
                .getPermission().toShort()).isEqualTo((short) 0700);

        // dave, another user of the cluster, can neither read the job's code nor list what carol staged
        String layerPath = "/user/carol/.pyspark-maven-plugin/layers/" + job.stagedName();
        UserGroupInformation dave = UserGroupInformation.createRemoteUser("dave");
        for (String path : List.of(layerPath, "/user/carol/.pyspark-maven-plugin/layers")) {
            Exception denied = null;
            try {
                dave.doAs((PrivilegedExceptionAction<Object>) () -> {
                    FileSystem fs = FileSystem.newInstance(conf);
                    try {
                        return path.equals(layerPath) ? fs.open(new org.apache.hadoop.fs.Path(path)).read()
                                : fs.listStatus(new org.apache.hadoop.fs.Path(path));
                    } finally {
                        fs.close();
                    }
                });
            } catch (org.apache.hadoop.security.AccessControlException e) {
                denied = e;
            }
            assertThat(denied).as(path).isNotNull();
            assertThat(denied.getMessage()).contains("Permission denied: user=dave");
        }

        // carol's next submission reuses her private copy: nothing uploaded
        StagingPlan second = plan("/user/carol/.pyspark-maven-plugin", "20261124-000011-bbbbbbbb", 5, 3600, List.of(job));
        assertThat(carol.doAs((PrivilegedExceptionAction<List<String>>) () -> stage(second, Set.of(), 0)))
                .anyMatch(l -> l.contains("job layer " + job.stagedName() + ": already staged"));
    }

    /** One staging as {@code user}: what it said, and the layers it put in (or found in) the shared directory. */
    private static final class Staged {
        final List<String> lines;
        final java.util.Map<String, String> placements;

        Staged(List<String> lines, java.util.Map<String, String> placements) {
            this.lines = lines;
            this.placements = placements;
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger RECORDS = new java.util.concurrent.atomic.AtomicInteger();

    private Staged stageAs(String user, String shared, List<Layer> layers) throws Exception {
        return stageAs(user, shared, layers, Set.of(), null);
    }

    private Staged stageAs(String user, String shared, List<Layer> layers, Set<String> trustedOwners) throws Exception {
        return stageAs(user, shared, layers, trustedOwners, null);
    }

    /**
     * Stages as {@code user} the plan as the stager's JVM reads it: written to its file and read back.
     *
     * @param pysparkPrivate why pyspark's zips must stay private ({@link LayerStager#keepPysparkPrivate}), or null
     */
    private Staged stageAs(String user, String shared, List<Layer> layers, Set<String> trustedOwners,
            String pysparkPrivate) throws Exception {
        home(user);
        Path planFile = dir.resolve("plan-" + user + "-" + RECORDS.incrementAndGet());
        StagingPlan.of(hdfs.getUri() + "/user/" + user + "/.pyspark-maven-plugin",
                shared == null ? null : hdfs.getUri() + shared, "com.example:job", "20261124-000020-" + user + RECORDS.incrementAndGet(), 0, 3600,
                false, entries(layers)).trusting(trustedOwners).write(planFile);
        StagingPlan plan = StagingPlan.read(planFile);
        return UserGroupInformation.createRemoteUser(user).doAs((PrivilegedExceptionAction<Staged>) () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LayerStager stager = new LayerStager(conf, new PrintStream(out, true, StandardCharsets.UTF_8), Set::of);
            if (pysparkPrivate != null) {
                stager.keepPysparkPrivate(pysparkPrivate);
            }
            int status = stager.stage(plan);
            List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
            assertThat(status).as(String.join("\n", lines)).isZero(); // the shared directory never fails a submit
            return new Staged(lines, stager.placements());
        });
    }

    private static void home(String user) throws Exception {
        org.apache.hadoop.fs.Path home = new org.apache.hadoop.fs.Path("/user/" + user);
        if (!hdfs.exists(home)) {
            hdfs.mkdirs(home, new FsPermission((short) 0755));
            hdfs.setOwner(home, user, user);
        }
    }

    /** A directory the admin {@code hdfs} owns, with {@code mode} (1777: open to all, sticky, like /tmp). */
    private static void adminDirectory(String path, int mode) throws Exception {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(path);
        hdfs.mkdirs(dir);
        hdfs.setPermission(dir, new FsPermission((short) mode));
        hdfs.setOwner(dir, "hdfs", "hadoop");
    }

    /** Mallory creates {@code path} with {@code size} zero bytes, mode as her umask leaves it (not writable by others). */
    private static void plant(String path, int size) throws Exception {
        home("mallory");
        UserGroupInformation.createRemoteUser("mallory").doAs((PrivilegedExceptionAction<Void>) () -> {
            FileSystem fs = FileSystem.newInstance(conf);
            try (var stream = fs.create(new org.apache.hadoop.fs.Path(path))) {
                stream.write(new byte[size]);
            } finally {
                fs.close();
            }
            return null;
        });
    }

    private static String privateLayers(String user) {
        return hdfs.getUri() + "/user/" + user + "/.pyspark-maven-plugin/layers/";
    }

    @Test
    void shared_theRuntimeIsStagedOnceForEveryUser_theJobStaysPrivate() throws Exception {
        adminDirectory("/shared", 01777);
        Layer runtime = layer(LayerKind.SPARK_RUNTIME, "runtime.zip", 256 * 1024, 20);
        Layer erinsJob = layer(LayerKind.JOB, "erin-job.zip", 512, 21);
        Layer franksJob = layer(LayerKind.JOB, "frank-job.zip", 512, 22);
        String sharedUri = hdfs.getUri() + "/shared/" + runtime.stagedName();

        Staged erin = stageAs("erin", "/shared", List.of(runtime, erinsJob));
        assertThat(erin.lines).anyMatch(l -> l.startsWith(STAGER + "spark-runtime layer "
                + runtime.stagedName() + ": staged in the shared directory, 262144 bytes in "))
                .anyMatch(l -> l.contains("the layers (job) are PRIVATE: ") && l.endsWith("; spark-runtime from the shared "
                        + "directory " + hdfs.getUri() + "/shared, public content every user reads (PUBLIC on the nodes: "
                        + "one copy per NodeManager for all users)"));
        assertThat(erin.placements).containsExactly(java.util.Map.entry(privateLayers("erin") + runtime.stagedName(), sharedUri));
        FileStatus staged = hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/shared/" + runtime.stagedName()));
        assertThat(staged.getPermission().toShort()).isEqualTo((short) 0644);
        assertThat(staged.getOwner()).isEqualTo("erin");
        assertThat(names("/user/erin/.pyspark-maven-plugin/layers")).contains(erinsJob.stagedName())
                .doesNotContain(runtime.stagedName());

        // frank's first submission uploads none of the runtime: erin's copy is, byte for byte, the layer it names
        Staged frank = stageAs("frank", "/shared", List.of(runtime, franksJob));
        assertThat(frank.lines).anyMatch(l -> l.matches(java.util.regex.Pattern.quote(STAGER
                + "spark-runtime layer " + runtime.stagedName() + ": already staged in the shared directory (owner erin, "
                + "its content checked in ") + "\\d+\\.\\d s" + java.util.regex.Pattern.quote(": sha256 matches) (modified "
                + staged.getModificationTime() + ")")));
        assertThat(frank.placements).containsExactly(java.util.Map.entry(privateLayers("frank") + runtime.stagedName(), sharedUri));
        assertThat(names("/user/frank/.pyspark-maven-plugin/layers")).contains(franksJob.stagedName())
                .doesNotContain(runtime.stagedName());
        assertThat(names("/shared")).containsExactly(runtime.stagedName());
    }

    @Test
    void shared_pysparksZipsGoThereToo_unlessSparkCannotBeToldWhereTheyAre() throws Exception {
        adminDirectory("/shared-pyspark", 01777);
        Layer pyspark = layer(LayerKind.PYSPARK, "pyspark.zip", 64 * 1024, 60);
        Layer py4j = layer(LayerKind.PYSPARK, "py4j-0.10.9.7-src.zip", 8 * 1024, 61);
        Layer job = layer(LayerKind.JOB, "ida-job.zip", 512, 62);

        Staged ida = stageAs("ida", "/shared-pyspark", List.of(pyspark, py4j, job));
        assertThat(ida.placements).containsOnlyKeys(privateLayers("ida") + pyspark.stagedName(),
                privateLayers("ida") + py4j.stagedName());
        assertThat(names("/shared-pyspark")).containsExactlyInAnyOrder(pyspark.stagedName(), py4j.stagedName());
        assertThat(names("/user/ida/.pyspark-maven-plugin/layers")).containsExactly(job.stagedName());
        assertThat(ida.lines).anyMatch(l -> l.contains("the layers (job) are PRIVATE: ")
                && l.contains("; pyspark from the shared directory " + hdfs.getUri() + "/shared-pyspark, public content"));

        // where Spark cannot be given the shared copies, they are not used: private ones, and the log says why
        Staged jack = stageAs("jack", "/shared-pyspark", List.of(pyspark, py4j, job), Set.of(),
                "this JVM's environment cannot be changed (test)");
        assertThat(jack.lines).contains(STAGER + "pyspark's zips stay private, not in the shared "
                + "directory: this JVM's environment cannot be changed (test)")
                .anyMatch(l -> l.contains("the layers (pyspark, job) are PRIVATE: "));
        assertThat(jack.placements).isEmpty();
        assertThat(names("/user/jack/.pyspark-maven-plugin/layers")).contains(pyspark.stagedName(), py4j.stagedName());
    }

    @Test
    void shared_aTrustedOwnersLayerIsUsedUnread_anyoneElsesIsStillChecked() throws Exception {
        adminDirectory("/shared-trusted", 01777);
        Layer runtime = layer(LayerKind.SPARK_RUNTIME, "runtime-trusted.zip", 192 * 1024, 50);
        Layer python = layer(LayerKind.PYTHON_RUNTIME, "python-trusted.tar.gz", 32 * 1024, 51);
        // the platform team's account stages the Spark runtime, mallory plants the Python runtime's name
        stageAs("platform", "/shared-trusted", List.of(runtime));
        plant("/shared-trusted/" + python.stagedName(), 32 * 1024);

        // gina trusts the platform account (and, by mistake, nobody else): its runtime is used without reading it
        Staged gina = stageAs("gina", "/shared-trusted", List.of(runtime, python), Set.of("platform", " "));
        FileStatus staged = hdfs.getFileStatus(
                new org.apache.hadoop.fs.Path("/shared-trusted/" + runtime.stagedName()));
        assertThat(gina.lines).contains(STAGER + "spark-runtime layer " + runtime.stagedName()
                + ": already staged in the shared directory (owner platform) (modified "
                + staged.getModificationTime() + ")")
                .anyMatch(l -> l.contains("python-runtime layer " + python.stagedName() + ": not using ")
                        && l.contains(": it belongs to mallory (neither you, gina, nor the shared directory's owner, "
                                + "hdfs, nor one of <trustedStagingOwners>, platform) and its content is not this "
                                + "layer's"));
        assertThat(gina.placements).containsExactly(java.util.Map.entry(privateLayers("gina") + runtime.stagedName(),
                hdfs.getUri() + "/shared-trusted/" + runtime.stagedName()));
        assertThat(names("/user/gina/.pyspark-maven-plugin/layers")).contains(python.stagedName())
                .doesNotContain(runtime.stagedName());

        // without the trust the same layer is read back, its sha256 checked
        Staged henry = stageAs("henry", "/shared-trusted", List.of(runtime));
        assertThat(henry.lines).anyMatch(l -> l.startsWith(STAGER + "spark-runtime layer "
                + runtime.stagedName()
                + ": already staged in the shared directory (owner platform, its content checked in "));
    }

    @Test
    void shared_aPlantedOrWritableLayerIsNotUsed_andAPrivateCopyIsStaged() throws Exception {
        adminDirectory("/shared-planted", 01777);
        Layer runtime = layer(LayerKind.SPARK_RUNTIME, "runtime-next.zip", 128 * 1024, 30);
        Layer python = layer(LayerKind.PYTHON_RUNTIME, "python.tar.gz", 64 * 1024, 31);
        // mallory guesses the names of erin's next layers and plants files of the same size (other jars, say)
        plant("/shared-planted/" + runtime.stagedName(), 128 * 1024);
        // and a layer of erin's own that others may write is no better
        org.apache.hadoop.fs.Path writable = new org.apache.hadoop.fs.Path("/shared-planted/" + python.stagedName());
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(python.file().toUri()), writable);
        hdfs.setOwner(writable, "erin", "erin");
        hdfs.setPermission(writable, new FsPermission((short) 0666));

        Staged erin = stageAs("erin", "/shared-planted", List.of(runtime, python));
        assertThat(erin.lines).anyMatch(l -> l.equals(STAGER + "spark-runtime layer " + runtime.stagedName()
                + ": not using " + hdfs.getUri() + "/shared-planted/" + runtime.stagedName() + ": it belongs to mallory "
                + "(neither you, erin, nor the shared directory's owner, hdfs) and its content is not this layer's (sha256 "
                + org.apache.commons.codec.digest.DigestUtils.sha256Hex(new byte[128 * 1024]) + "), so it could hold "
                + "anything; staging a private copy instead"))
                .anyMatch(l -> l.contains("python-runtime layer " + python.stagedName() + ": not using ")
                        && l.contains(": others may write it (rw-rw-rw-)"))
                .anyMatch(l -> l.startsWith(STAGER + "spark-runtime layer " + runtime.stagedName()
                        + ": staged, 131072 bytes"));
        assertThat(erin.placements).isEmpty(); // Spark is given erin's private copies
        assertThat(names("/user/erin/.pyspark-maven-plugin/layers")).contains(runtime.stagedName(), python.stagedName());
        assertThat(hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/shared-planted/" + runtime.stagedName())).getOwner())
                .isEqualTo("mallory"); // not erin's to remove
    }

    @Test
    void shared_aDirectoryThatIsMissingOrNotWritable_fallsBackToThePrivateOne() throws Exception {
        adminDirectory("/shared-closed", 0755);
        Layer runtime = layer(LayerKind.SPARK_RUNTIME, "runtime-closed.zip", 4096, 40);
        Staged closed = stageAs("erin", "/shared-closed", List.of(runtime));
        assertThat(closed.lines).anyMatch(l -> l.startsWith(STAGER + "cannot write to the shared staging "
                + "directory " + hdfs.getUri() + "/shared-closed (Permission denied: user=erin, access=WRITE")
                && l.endsWith("): the runtime layers are staged privately; ask its owner hdfs to open it (chmod 1777)"))
                .anyMatch(l -> l.contains("spark-runtime layer " + runtime.stagedName() + ": staged, 4096 bytes"));
        assertThat(closed.placements).isEmpty();

        Staged missing = stageAs("frank", "/no-such-shared", List.of(runtime));
        assertThat(missing.lines).contains(STAGER + "the shared staging directory " + hdfs.getUri()
                + "/no-such-shared does not exist: the runtime layers are staged privately (an admin creates it once, open "
                + "to all and sticky like /tmp: hdfs dfs -mkdir -p /no-such-shared && hdfs dfs -chmod 1777 /no-such-shared)");
        assertThat(missing.placements).isEmpty();
        assertThat(names("/user/frank/.pyspark-maven-plugin/layers")).contains(runtime.stagedName());
    }

    @Test
    void shared_theCleanUpNeverRemovesFromTheSharedDirectory() throws Exception {
        adminDirectory("/shared-kept", 01777);
        Layer runtime = layer(LayerKind.SPARK_RUNTIME, "runtime-kept.zip", 4096, 50);
        home("gina");
        UserGroupInformation gina = UserGroupInformation.createRemoteUser("gina");
        for (int i = 0; i < 3; i++) { // each staging keeps only the newest record, and removes unnamed layers at once
            Layer job = layer(LayerKind.JOB, "gina-job-" + i + ".zip", 512, 51 + i);
            StagingPlan plan = StagingPlan.of(hdfs.getUri() + "/user/gina/.pyspark-maven-plugin", hdfs.getUri()
                    + "/shared-kept", "com.example:job", "20261124-00003" + i + "-gina", 1, 0, false, entries(List.of(runtime, job)));
            gina.doAs((PrivilegedExceptionAction<List<String>>) () -> stage(plan, Set.of(), 0));
        }
        assertThat(names("/user/gina/.pyspark-maven-plugin/layers")).hasSize(1); // the clean-up ran
        assertThat(names("/shared-kept")).containsExactly(runtime.stagedName());
    }

    @Test
    void placements_renameTheSharedLayersInSparksArguments() {
        List<String> args = List.of("--conf", "spark.yarn.archive=hdfs://nn/user/a/.p/layers/spark-runtime-1.zip",
                "--archives", "hdfs://nn/user/a/.p/layers/deps-2.zip#w-deps,hdfs://nn/user/a/.p/layers/python-3.tgz#w-python");
        assertThat(StagingPlan.withPlacements(args, java.util.Map.of(
                "hdfs://nn/user/a/.p/layers/spark-runtime-1.zip", "hdfs://nn/shared/spark-runtime-1.zip",
                "hdfs://nn/user/a/.p/layers/python-3.tgz", "hdfs://nn/shared/python-3.tgz")))
                .containsExactly("--conf", "spark.yarn.archive=hdfs://nn/shared/spark-runtime-1.zip", "--archives",
                        "hdfs://nn/user/a/.p/layers/deps-2.zip#w-deps,hdfs://nn/shared/python-3.tgz#w-python");
    }

    @Test
    void stage_sixSubmissionsRacingForOneNewLayer_allSucceed_andOneCopyStays() throws Exception {
        Layer big = layer(LayerKind.DEPENDENCIES, "big.zip", 24 * 1024 * 1024, 3);
        int racers = 6;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String record = "20261124-000003-0000000" + i;
            results.add(pool.submit((Callable<List<String>>) () -> {
                start.await();
                return stage(plan("/race", record, 0, 3600, List.of(big)), Set.of(), 0);
            }));
        }
        String line = STAGER + "dependencies layer " + big.stagedName() + ": ";
        for (Future<List<String>> result : results) { // each succeeded (stage checks its status) and says how
            assertThat(result.get()).anyMatch(l -> l.startsWith(line + "staged, ") || l.startsWith(line + "already staged"));
        }
        pool.shutdown();
        assertThat(names("/race/layers")).containsExactly(big.stagedName()); // no temporary file left
        assertThat(hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/race/layers/" + big.stagedName())).getLen())
                .isEqualTo(Files.size(big.file()));
    }

    @Test
    void stage_aStagingDirectoryTheUserMayNotWrite_failsNamingIt_andWritesNothing() throws Exception {
        hdfs.mkdirs(new org.apache.hadoop.fs.Path("/locked"), new FsPermission((short) 0755));
        Layer job = layer(LayerKind.JOB, "job.zip", 512, 4);
        List<String> lines = UserGroupInformation.createRemoteUser("alice").doAs(
                (PrivilegedExceptionAction<List<String>>) () -> stage(plan("/locked/staging", "20261124-000004-cccccccc", 5,
                        3600, List.of(job)), Set.of(), Protocol.Failure.STAGING_UNWRITABLE.status()));
        assertThat(lines).anyMatch(l -> l.startsWith(Protocol.Failure.STAGING_UNWRITABLE.line("cannot write to the staging directory ") + hdfs.getUri()
                + "/locked/staging: ") && l.contains("Permission denied"));
        assertThat(names("/locked")).isEmpty();
    }

    @Test
    void stage_cleanUp_keepsTheNewestStagingsAndThoseOfRunningApplications_andRemovesLayersNoneUses() throws Exception {
        Layer shared = layer(LayerKind.DEPENDENCIES, "deps.zip", 1024, 5);
        List<Layer> jobs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            jobs.add(layer(LayerKind.JOB, "job" + i + ".zip", 256, 10 + i));
            // the first two stagings' applications: the first has ended, the second still runs
            List<String> lines = stage(plan("/clean", "20261124-00001" + i + "-0000000" + i, 2, 0,
                    List.of(shared, jobs.get(i - 1))), Set.of("20261124-000012-00000002"), 0);
            String removed = i == 3 ? "removed 1 older stagings and 1 layers no staging uses (256 bytes)"
                    : "removed 0 older stagings and 0 layers no staging uses (0 bytes)";
            assertThat(lines).anyMatch(l -> l.equals(STAGER + "clean-up: kept the newest 2 stagings of "
                    + "com.example:job and those of running applications; " + removed));
        }
        assertThat(names("/clean/records/com.example/job")).containsExactlyInAnyOrder("20261124-000012-00000002",
                "20261124-000013-00000003", "20261124-000014-00000004");
        assertThat(names("/clean/layers")).containsExactlyInAnyOrder(shared.stagedName(), jobs.get(1).stagedName(),
                jobs.get(2).stagedName(), jobs.get(3).stagedName());

        // with the grace period, a layer no staging names stays while it is young (a staging may be under way)
        Layer orphan = layer(LayerKind.JOB, "orphan.zip", 128, 99);
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(orphan.file().toUri()),
                new org.apache.hadoop.fs.Path("/clean/layers/" + orphan.stagedName()));
        stage(plan("/clean", "20261124-000015-00000005", 2, 3600, List.of(shared, jobs.get(3))), Set.of(), 0);
        assertThat(names("/clean/layers")).contains(orphan.stagedName());
    }
}
