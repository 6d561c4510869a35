package io.github.sparkwheel.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to stage where: the staging directory (a Hadoop file system URI), the layers (local file, name
 * under {@code layers/}), the artifact the staging is recorded for and how many of its stagings the
 * clean-up keeps. Written by the plugin, read by the stager ({@link Protocol.Program#STAGER}) in a JVM over
 * Spark's classpath: plain lines of tab-separated fields, so that the reader needs nothing but the JDK.
 */
public final class StagingPlan {

    public static final String LAYERS = "layers";
    public static final String RECORDS = "records";
    /** The YARN application tag {@code <prefix><record id>} that keeps a running application's layers. */
    public static final String TAG_PREFIX = "pyspark-staging-";

    /** One file to stage. */
    public static final class Entry {
        public final LayerKind kind;
        public final Path file;
        public final String stagedName;

        public Entry(LayerKind kind, Path file, String stagedName) {
            this.kind = kind;
            this.file = file;
            this.stagedName = stagedName;
        }
    }

    private final String stagingDirectory;
    /** The user whose home holds the staging directory by default, or {@code null} when one was configured. */
    private final String homeOf;
    private final String sharedDirectory;
    private final Set<String> trustedOwners;
    private final String artifact;
    private final String recordId;
    private final int keep;
    private final long graceSeconds;
    private final boolean dryRun;
    private final List<Entry> entries;

    private StagingPlan(String stagingDirectory, String homeOf, String sharedDirectory, Collection<String> trustedOwners,
            String artifact, String recordId, int keep, long graceSeconds, boolean dryRun, List<Entry> entries) {
        this.stagingDirectory = withoutSlash(stagingDirectory);
        this.homeOf = homeOf;
        this.sharedDirectory = sharedDirectory == null ? null : withoutSlash(sharedDirectory);
        this.trustedOwners = Collections.unmodifiableSet(new TreeSet<>(trustedOwners));
        this.artifact = artifact;
        this.recordId = recordId;
        this.keep = keep;
        this.graceSeconds = graceSeconds;
        this.dryRun = dryRun;
        this.entries = List.copyOf(entries);
    }

    public static StagingPlan of(String stagingDirectory, String artifact, String recordId, int keep,
            long graceSeconds, boolean dryRun, List<Entry> entries) {
        return of(stagingDirectory, null, artifact, recordId, keep, graceSeconds, dryRun, entries);
    }

    /** @param sharedDirectory where the public layers go ({@link LayerKind#shareable}), or {@code null}: all private */
    public static StagingPlan of(String stagingDirectory, String sharedDirectory, String artifact, String recordId,
            int keep, long graceSeconds, boolean dryRun, List<Entry> entries) {
        return new StagingPlan(stagingDirectory, null, sharedDirectory, Set.of(), artifact, recordId, keep,
                graceSeconds, dryRun, entries);
    }

    /**
     * This plan, its staging directory being the default one under {@code user}'s home: the stager says so plainly
     * when that home does not exist, or when the cluster knows the login by another name.
     */
    public StagingPlan inHomeOf(String user) {
        return new StagingPlan(stagingDirectory, user, sharedDirectory, trustedOwners, artifact, recordId, keep,
                graceSeconds, dryRun, entries);
    }

    /** The user whose home holds the staging directory by default, or {@code null} when it was configured. */
    public String homeOf() {
        return homeOf;
    }

    /**
     * This plan, also trusting the shared layers these users own ({@code <trustedStagingOwners>}) as it trusts yours
     * and the shared directory owner's: used as they are, not read back to check their content.
     */
    public StagingPlan trusting(Collection<String> owners) {
        Set<String> trusted = new TreeSet<>(trustedOwners);
        owners.stream().map(String::trim).filter(o -> !o.isEmpty()).forEach(trusted::add);
        return new StagingPlan(stagingDirectory, homeOf, sharedDirectory, trusted, artifact, recordId, keep,
                graceSeconds, dryRun, entries);
    }

    /** The owners besides you and the shared directory's whose shared layers are used unread; sorted. */
    public Set<String> trustedOwners() {
        return trustedOwners;
    }

    private static String withoutSlash(String directory) {
        return directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
    }

    /** The shared staging directory, without a trailing slash, or {@code null}. */
    public String sharedDirectory() {
        return sharedDirectory;
    }

    /** Where the stager says which layers it staged in the shared directory: beside the plan. */
    public static Path placementsFile(Path planFile) {
        return planFile.resolveSibling(planFile.getFileName() + ".shared");
    }

    /** The staging directory, without a trailing slash. */
    public String stagingDirectory() {
        return stagingDirectory;
    }

    /** {@code groupId:artifactId}: the clean-up keeps the newest stagings of each. */
    public String artifact() {
        return artifact;
    }

    /** This staging's record, named after it ({@code <time>-<random>}). */
    public String recordId() {
        return recordId;
    }

    /** How many stagings of the artifact the clean-up keeps; 0 keeps everything. */
    public int keep() {
        return keep;
    }

    /** A layer no record names is removed only once it is older than this: a staging may be under way. */
    public long graceSeconds() {
        return graceSeconds;
    }

    /** Only say what would be uploaded. */
    public boolean dryRun() {
        return dryRun;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * Where a layer of this plan is staged privately: what Spark is given, unless the stager puts the layer in the
     * shared directory ({@link #placementsFile}).
     */
    public String privateUri(String stagedName) {
        return stagingDirectory + "/" + LAYERS + "/" + stagedName;
    }

    /** Writes which layers are in the shared directory: {@code private URI TAB shared URI} a line. */
    public static void writePlacements(Path file, Map<String, String> placements) throws IOException {
        List<String> lines = new ArrayList<>();
        placements.forEach((privateUri, sharedUri) -> lines.add(privateUri + "\t" + sharedUri));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** What {@link #writePlacements} wrote; empty when the stager has not run or put nothing in the shared directory. */
    public static Map<String, String> readPlacements(Path file) throws IOException {
        Map<String, String> placements = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t");
                if (fields.length == 2) {
                    placements.put(fields[0], fields[1]);
                }
            }
        }
        return placements;
    }

    /** Spark's arguments with each layer the stager put in the shared directory named there instead. */
    public static List<String> withPlacements(List<String> args, Map<String, String> placements) {
        List<String> placed = new ArrayList<>(args.size());
        for (String arg : args) {
            for (Map.Entry<String, String> placement : placements.entrySet()) {
                arg = arg.replace(placement.getKey(), placement.getValue());
            }
            placed.add(arg);
        }
        return placed;
    }

    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("staging\t" + stagingDirectory);
        if (homeOf != null) {
            lines.add("home\t" + homeOf);
        }
        if (sharedDirectory != null) {
            lines.add("shared\t" + sharedDirectory);
        }
        if (!trustedOwners.isEmpty()) {
            lines.add("trusted\t" + String.join(",", trustedOwners));
        }
        lines.add("artifact\t" + artifact);
        lines.add("record\t" + recordId);
        lines.add("keep\t" + keep);
        lines.add("grace\t" + graceSeconds);
        lines.add("dryRun\t" + dryRun);
        for (Entry entry : entries) {
            lines.add("layer\t" + entry.kind.name() + "\t" + entry.stagedName + "\t" + entry.file.toAbsolutePath());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
        Files.deleteIfExists(placementsFile(file)); // an earlier submission's
    }

    public static StagingPlan read(Path file) throws IOException {
        String staging = null;
        String home = null;
        String shared = null;
        List<String> trusted = new ArrayList<>();
        String artifact = null;
        String record = null;
        int keep = 0;
        long grace = 3600;
        boolean dryRun = false;
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", 4);
            switch (fields[0]) {
                case "staging":
                    staging = fields[1];
                    break;
                case "home":
                    home = fields[1];
                    break;
                case "shared":
                    shared = fields[1];
                    break;
                case "trusted":
                    trusted.addAll(List.of(fields[1].split(",")));
                    break;
                case "artifact":
                    artifact = fields[1];
                    break;
                case "record":
                    record = fields[1];
                    break;
                case "keep":
                    keep = Integer.parseInt(fields[1]);
                    break;
                case "grace":
                    grace = Long.parseLong(fields[1]);
                    break;
                case "dryRun":
                    dryRun = Boolean.parseBoolean(fields[1]);
                    break;
                case "layer":
                    entries.add(new Entry(LayerKind.valueOf(fields[1]), Paths.get(fields[3]), fields[2]));
                    break;
                default:
                    throw new IOException("Unknown line in the staging plan " + file + ": " + line);
            }
        }
        if (staging == null || artifact == null || record == null) {
            throw new IOException("Incomplete staging plan " + file);
        }
        return new StagingPlan(staging, home, shared, trusted, artifact, record, keep, grace, dryRun, entries);
    }
}
