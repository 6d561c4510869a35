package io.github.sparkwheel.helpers;

import io.github.sparkwheel.protocol.LayerKind;
import io.github.sparkwheel.protocol.Protocol;
import io.github.sparkwheel.protocol.StagingPlan;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;

/**
 * Stages a {@link StagingPlan}'s layers on the cluster's file system, through the Hadoop FileSystem
 * API and the submission's Hadoop configuration. Runs in a JVM over Spark's own classpath (the
 * plugin's JVM has no Hadoop and never loads this class), alone ({@code pyspark:stage}, or before a
 * Spark home's spark-submit) or in SparkSubmit's own JVM ({@code SubmitLauncher}).
 *
 * <ul>
 *   <li>A layer whose content-addressed name exists is never uploaded again.</li>
 *   <li>An upload goes to a temporary name and is renamed into place: two submissions racing for one
 *       new layer both succeed, one copy stays, and nobody reads half a file.</li>
 *   <li>Private: the staging directory, its {@code layers} and {@code records} are 0700 and the files 0600
 *       (an existing directory of the user's is tightened), as Spark's own {@code .sparkStaging}: no other user
 *       can read the job's code or its libraries, and YARN localizes the layers PRIVATE (for the user's
 *       applications alone, each NodeManager reusing its copy across them).</li>
 *   <li>Each staging writes a record (the layers it uses) under {@code records/<group>/<artifact>/}
 *       before it checks them; the clean-up keeps the newest {@code keep} records of an artifact and those
 *       of applications YARN still runs (their tag {@code pyspark-staging-<record>}), and removes the
 *       layers no record names that are older than a grace period.</li>
 * </ul>
 *
 * It says what it did in the stager's lines ({@link Protocol.Program#STAGER}); a staging directory it cannot write
 * ends it with {@link Protocol.Failure#STAGING_UNWRITABLE}.
 */
public final class LayerStager {

    private static final String PREFIX = Protocol.Program.STAGER.prefix();
    private static final FsPermission DIRECTORY = new FsPermission((short) 0700);
    private static final FsPermission FILE = new FsPermission((short) 0600);
    /** The record ids of the applications that YARN has not finished. */
    interface RunningRecords {
        Set<String> get() throws Exception;
    }

    private final Configuration conf;
    private final PrintStream out;
    private final RunningRecords running;
    /** Private URI → shared URI of each layer this staging found or put in the shared directory. */
    private final Map<String, String> placements = new LinkedHashMap<>();
    /** The shared directory as this staging uses it; {@code null} when there is none or it cannot be used. */
    private SharedDirectory shared;
    /** Why pyspark's zips stay private even with a shared directory, or {@code null}: they may be shared. */
    private String pysparkPrivate;

    public LayerStager(Configuration conf, PrintStream out) {
        this(conf, out, () -> runningRecords(conf));
    }

    LayerStager(Configuration conf, PrintStream out, RunningRecords running) {
        this.conf = conf;
        this.out = out;
        this.running = running;
    }

    public static void main(String[] args) throws Exception {
        java.nio.file.Path planFile = Paths.get(args[0]);
        LayerStager stager = new LayerStager(HadoopClient.configuration(), System.out);
        StagingPlan plan = StagingPlan.read(planFile);
        int status = HadoopClient.run(() -> stager.stage(plan));
        StagingPlan.writePlacements(StagingPlan.placementsFile(planFile), stager.placements());
        System.exit(status);
    }

    /** The layers this staging found or put in the shared directory: private URI → shared URI. */
    public Map<String, String> placements() {
        return placements;
    }

    /**
     * Keeps pyspark's zips out of the shared directory, for this reason: when Spark, in this very JVM, cannot be
     * told where they are instead.
     */
    public void keepPysparkPrivate(String why) {
        pysparkPrivate = why;
    }

    private boolean shareable(StagingPlan.Entry entry) {
        return shared != null && entry.kind.shareable() && (entry.kind != LayerKind.PYSPARK || pysparkPrivate == null);
    }

    /** @return 0, or {@link Protocol.Failure#STAGING_UNWRITABLE}'s status when the staging directory cannot be written */
    public int stage(StagingPlan plan) throws IOException {
        Path root = new Path(plan.stagingDirectory());
        FileSystem fs = root.getFileSystem(conf);
        root = fs.makeQualified(root);
        Path layers = new Path(root, StagingPlan.LAYERS);
        shared = SharedDirectory.open(plan, conf, out);
        if (shared != null && pysparkPrivate != null
                && plan.entries().stream().anyMatch(e -> e.kind == LayerKind.PYSPARK)) {
            out.println(PREFIX + "pyspark's zips stay private, not in the shared directory: " + pysparkPrivate);
        }
        if (plan.dryRun()) {
            for (StagingPlan.Entry entry : plan.entries()) {
                String sharedUri = shareable(entry) ? shared.dryRun(entry) : null;
                if (sharedUri != null) {
                    placements.put(plan.privateUri(entry.stagedName), sharedUri);
                    continue;
                }
                Path target = new Path(layers, entry.stagedName);
                String upload = "would be uploaded (" + Files.size(entry.file) + " bytes) to " + root;
                try {
                    say(entry, exists(fs, target, Files.size(entry.file)) ? "already staged in " + root : upload);
                } catch (IOException e) {
                    say(entry, upload + " unless it is there already (" + root + " could not be read: " + e.getMessage()
                            + ")");
                }
            }
            return 0;
        }
        Path record = new Path(new Path(new Path(root, StagingPlan.RECORDS), plan.artifact().replace(':', '/')),
                plan.recordId());
        String home = home(fs, root, plan);
        if (home != null) {
            out.println(Protocol.Failure.STAGING_UNWRITABLE.line(home));
            return Protocol.Failure.STAGING_UNWRITABLE.status();
        }
        try {
            mkdirs(fs, root);
            mkdirs(fs, layers);
            mkdirs(fs, new Path(root, StagingPlan.RECORDS));
            mkdirs(fs, record.getParent());
            writeRecord(fs, record, plan);
        } catch (IOException e) {
            out.println(Protocol.Failure.STAGING_UNWRITABLE.line("cannot write to the staging directory " + root + ": "
                    + firstLine(e)));
            return Protocol.Failure.STAGING_UNWRITABLE.status();
        }
        for (StagingPlan.Entry entry : plan.entries()) {
            if (shareable(entry)) {
                String uri = shared.stage(entry);
                if (uri != null) {
                    placements.put(plan.privateUri(entry.stagedName), uri);
                    continue;
                }
            }
            stage(fs, layers, entry);
        }
        out.println(PREFIX + visibility(fs, root, layers, plan));
        if (plan.keep() > 0) {
            cleanUp(fs, root, plan);
        }
        return 0;
    }

    /**
     * Why the default staging directory, under the user's home, cannot be: the cluster knows the login by another name
     * than the plugin took (a site's own {@code auth_to_local}), or the user has no home there; {@code null} when it can.
     */
    private static String home(FileSystem fs, Path root, StagingPlan plan) throws IOException {
        if (plan.homeOf() == null) {
            return null;
        }
        String me = HadoopClient.user();
        Path home = root.getParent();
        if (!me.equals(plan.homeOf())) {
            return "the cluster knows you as " + me + ", not " + plan.homeOf() + " (its hadoop.security.auth_to_local), "
                    + "and the default staging directory " + root + " is under " + plan.homeOf() + "'s home: set "
                    + "<stagingDirectory> to a directory of yours, e.g. /user/" + me + "/.pyspark-maven-plugin";
        }
        if (home != null && !fs.exists(home)) {
            return me + " has no home directory on the cluster (" + home + " does not exist), where the layers are "
                    + "staged by default: ask the cluster's admins to create it (hdfs dfs -mkdir " + home.toUri().getPath()
                    + " && hdfs dfs -chown " + me + " " + home.toUri().getPath() + "), or set <stagingDirectory> to a "
                    + "directory you may write";
        }
        return null;
    }

    private void stage(FileSystem fs, Path layers, StagingPlan.Entry entry) throws IOException {
        Path target = new Path(layers, entry.stagedName);
        long size = Files.size(entry.file);
        if (exists(fs, target, size)) {
            say(entry, "already staged" + modified(fs, target));
            return;
        }
        UploadProgress progress = progress(out, entry, size);
        if (!publish(fs, entry, target, FILE, progress)) {
            if (!exists(fs, target, size)) {
                throw new IOException("could not rename the upload of " + entry.stagedName + " to " + target);
            }
            say(entry, "already staged (by another submission, just now)" + modified(fs, target));
            return;
        }
        say(entry, "staged, " + progress.summary() + modified(fs, target));
    }

    /** How far the upload of an entry got, said to {@code out} while it goes on. */
    static UploadProgress progress(PrintStream out, StagingPlan.Entry entry, long size) {
        return new UploadProgress(out, entry.kind.label() + " layer " + entry.stagedName, size, System::nanoTime);
    }

    /**
     * Uploads the entry's file to a temporary name beside {@code target}, saying how far it got, with {@code permission},
     * and renames it into place, so that nobody reads half a file; the temporary file never stays.
     *
     * @return {@code false} when the rename failed: another submission may have put the layer there first
     */
    static boolean publish(FileSystem fs, StagingPlan.Entry entry, Path target, FsPermission permission,
            UploadProgress progress) throws IOException {
        Path tmp = new Path(target.getParent(), "." + entry.stagedName + "." + UUID.randomUUID() + ".tmp");
        try {
            try (InputStream in = Files.newInputStream(entry.file); FSDataOutputStream upload = fs.create(tmp, true)) {
                byte[] buffer = new byte[1 << 20];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    upload.write(buffer, 0, n);
                    progress.advance(n);
                }
            }
            fs.setPermission(tmp, permission);
            return fs.rename(tmp, target);
        } finally {
            try {
                fs.delete(tmp, false);
            } catch (org.apache.hadoop.security.AccessControlException nothingWritten) {
                // a directory that could not be written holds no temporary file; the upload's own error stands
            }
        }
    }

    /** The staged file's modification time: YARN checks that it never changes under a localized resource. */
    static String modified(FileSystem fs, Path target) throws IOException {
        return " (modified " + fs.getFileStatus(target).getModificationTime() + ")";
    }

    private static boolean exists(FileSystem fs, Path target, long size) throws IOException {
        try {
            return fs.getFileStatus(target).getLen() == size;
        } catch (FileNotFoundException absent) {
            return false;
        }
    }

    private void say(StagingPlan.Entry entry, String what) {
        say(out, entry, what);
    }

    static void say(PrintStream out, StagingPlan.Entry entry, String what) {
        out.println(PREFIX + entry.kind.label() + " layer " + entry.stagedName + ": " + what);
    }

    /** An error's first line: not the NameNode's stack trace. */
    static String firstLine(IOException e) {
        return String.valueOf(e.getMessage()).split("\\R", 2)[0];
    }

    /**
     * Creates the directory 0700 (the missing ones above it as the file system creates directories: a staging
     * directory {@code /data/team/staging} must not close {@code /data} to others), or tightens it to 0700 when it
     * exists wider and is the user's (a staging directory of an earlier version was 0755); one of someone else's is
     * left as it is (the log then says how visible the layers are).
     */
    private static void mkdirs(FileSystem fs, Path dir) throws IOException {
        Path parent = dir.getParent();
        if (parent != null && !fs.exists(parent) && !fs.mkdirs(parent)) { // the file system's defaults above it
            throw new IOException("could not create " + parent);
        }
        if (!fs.mkdirs(dir, DIRECTORY)) {
            throw new IOException("could not create " + dir);
        }
        FileStatus status = fs.getFileStatus(dir);
        if (status.getPermission().toShort() != DIRECTORY.toShort() && status.getOwner().equals(HadoopClient.user())) {
            fs.setPermission(dir, DIRECTORY);
        }
    }

    /**
     * Writes the plan's record, once: the same plan staged again (a submission sent once more) finds its record
     * written; a record of that id naming other layers is never overwritten.
     */
    private static void writeRecord(FileSystem fs, Path record, StagingPlan plan) throws IOException {
        StringBuilder names = new StringBuilder();
        plan.entries().forEach(entry -> names.append(entry.stagedName).append('\n'));
        byte[] content = names.toString().getBytes(StandardCharsets.UTF_8);
        if (fs.exists(record)) {
            try (var in = fs.open(record)) {
                if (java.util.Arrays.equals(in.readAllBytes(), content)) {
                    return;
                }
            }
        }
        try (FSDataOutputStream stream = fs.create(record, false)) {
            stream.write(content);
        }
        fs.setPermission(record, FILE);
    }

    /**
     * Who can read the layers, and so how YARN localizes them: PRIVATE unless every directory above them lets
     * others through and they are world-readable (a staging directory someone else owns and keeps open).
     */
    private String visibility(FileSystem fs, Path root, Path layers, StagingPlan plan) throws IOException {
        String kinds = kinds(plan, false);
        String sharedOnes = placements.isEmpty() ? "" : "; " + kinds(plan, true) + " from the shared directory "
                + shared.directory() + ", public content every user reads (PUBLIC on the nodes: one copy per "
                + "NodeManager for all users)";
        for (Path dir = layers; dir != null; dir = dir.getParent()) {
            FsPermission permission = fs.getFileStatus(dir).getPermission();
            if (!permission.getOtherAction().implies(FsAction.EXECUTE)) {
                return "the layers (" + kinds + ") are PRIVATE: " + dir + " is " + permission + " and they are "
                        + FILE + ", so only you can read your job's code and libraries; YARN localizes them for your "
                        + "applications alone, and each NodeManager reuses its copy across them" + sharedOnes;
            }
        }
        return "the layers (" + kinds + ") are readable by other users: every directory above " + layers + " lets "
                + "them through and it is not yours to close (owner " + fs.getFileStatus(root).getOwner() + "); choose "
                + "a <stagingDirectory> of your own (-Dpyspark.stagingDirectory) to keep them private" + sharedOnes;
    }

    /** The kinds of the plan's layers that are (or are not) in the shared directory: {@code dependencies, job}. */
    private String kinds(StagingPlan plan, boolean inShared) {
        StringBuilder kinds = new StringBuilder();
        plan.entries().stream().filter(e -> placements.containsKey(plan.privateUri(e.stagedName)) == inShared)
                .map(e -> e.kind.label()).distinct()
                .forEach(k -> kinds.append(kinds.length() == 0 ? "" : ", ").append(k));
        return kinds.toString();
    }

    /**
     * Removes the artifact's records beyond the newest {@code keep} (and not of an application YARN still
     * runs), then the layers that no record names and that are older than the plan's grace.
     */
    private void cleanUp(FileSystem fs, Path root, StagingPlan plan) throws IOException {
        Set<String> runningRecords;
        try {
            runningRecords = running.get();
        } catch (Exception e) {
            out.println(PREFIX + "clean-up skipped: the running applications could not be listed (" + e.getMessage()
                    + "), and their layers must stay");
            return;
        }
        Path records = new Path(root, StagingPlan.RECORDS);
        Path mine = new Path(records, plan.artifact().replace(':', '/'));
        List<FileStatus> recordsOfMine = new ArrayList<>(List.of(fs.listStatus(mine)));
        recordsOfMine.sort((a, b) -> b.getPath().getName().compareTo(a.getPath().getName()));
        int removedRecords = 0;
        for (FileStatus status : recordsOfMine.subList(Math.min(plan.keep(), recordsOfMine.size()), recordsOfMine.size())) {
            if (!runningRecords.contains(status.getPath().getName()) && fs.delete(status.getPath(), false)) {
                removedRecords++;
            }
        }
        Path layers = new Path(root, StagingPlan.LAYERS);
        long now = System.currentTimeMillis();
        List<FileStatus> old = new ArrayList<>();
        for (FileStatus layer : fs.listStatus(layers)) {
            if (now - layer.getModificationTime() >= TimeUnit.SECONDS.toMillis(plan.graceSeconds())) {
                old.add(layer);
            }
        }
        Set<String> named = namedLayers(fs, records); // read last: a staging records its layers before it checks them
        long bytes = 0;
        int removedLayers = 0;
        for (FileStatus layer : old) {
            if (!named.contains(layer.getPath().getName()) && fs.delete(layer.getPath(), false)) {
                bytes += layer.getLen();
                removedLayers++;
            }
        }
        out.println(PREFIX + "clean-up: kept the newest " + plan.keep() + " stagings of " + plan.artifact()
                + " and those of running applications; removed " + removedRecords + " older stagings and "
                + removedLayers + " layers no staging uses (" + bytes + " bytes)");
    }

    private static Set<String> namedLayers(FileSystem fs, Path records) throws IOException {
        Set<String> named = new HashSet<>();
        var files = fs.listFiles(records, true);
        while (files.hasNext()) {
            Path record = files.next().getPath();
            try (var in = fs.open(record)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        named.add(line.trim());
                    }
                }
            } catch (FileNotFoundException removedMeanwhile) {
                // another clean-up removed it: its layers are judged by the records that remain
            }
        }
        return named;
    }

    /** The records of the applications YARN has not finished, from their tags; it does not wait long for YARN. */
    private static Set<String> runningRecords(Configuration conf)
            throws IOException, org.apache.hadoop.yarn.exceptions.YarnException {
        YarnClient client = HadoopClient.yarn(conf, 15_000);
        try {
            Set<String> records = new HashSet<>();
            for (ApplicationReport app : client.getApplications(EnumSet.of(YarnApplicationState.NEW,
                    YarnApplicationState.NEW_SAVING, YarnApplicationState.SUBMITTED, YarnApplicationState.ACCEPTED,
                    YarnApplicationState.RUNNING))) {
                for (String tag : app.getApplicationTags()) {
                    if (tag.startsWith(StagingPlan.TAG_PREFIX)) {
                        records.add(tag.substring(StagingPlan.TAG_PREFIX.length()));
                    }
                }
            }
            return records;
        } finally {
            client.stop();
        }
    }
}
