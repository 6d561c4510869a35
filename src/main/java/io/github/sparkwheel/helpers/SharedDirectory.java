package io.github.sparkwheel.helpers;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.protocol.Protocol;
import io.github.sparkwheel.protocol.StagingPlan;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;

/**
 * The shared staging directory ({@code <sharedStagingDirectory>}): public layers (Spark's runtime, a Python runtime)
 * staged once for every user of the cluster, world-readable so that each NodeManager localizes them once for all.
 *
 * <p>Its names are predictable, so another user could put a file there before you do. An existing layer is used
 * only when it cannot have been planted: a file of the layer's size that nobody else may write, owned by you, by
 * the directory's owner or by one of {@code <trustedStagingOwners>}, or else whose content is the layer's (the
 * sha256 its name carries, checked by reading it); otherwise the layer is staged privately and the log says why.
 * A directory that is
 * missing or cannot be written is not an error either: the layers are then staged privately. Nothing is ever
 * removed from it: another user's running application may use any of its layers, and every layer there is
 * public content an admin may prune by age.
 */
final class SharedDirectory {

    private static final String PREFIX = Protocol.Program.STAGER.prefix();
    private static final FsPermission PUBLIC_FILE = new FsPermission((short) 0644);

    private final FileSystem fs;
    private final Path directory;
    private final String owner;
    private final String me;
    /** {@code <trustedStagingOwners>}: besides you and the directory's owner, whose layers are used unread. */
    private final Set<String> trustedOwners;
    private final PrintStream out;
    private boolean writable = true;

    private SharedDirectory(FileSystem fs, Path directory, String owner, String me, Set<String> trustedOwners,
            PrintStream out) {
        this.fs = fs;
        this.directory = directory;
        this.owner = owner;
        this.me = me;
        this.trustedOwners = trustedOwners;
        this.out = out;
    }

    /**
     * The plan's shared directory; {@code null} when it has none or no layer to share, or (having said why) when
     * it cannot be used.
     */
    static SharedDirectory open(StagingPlan plan, Configuration conf, PrintStream out) throws IOException {
        if (plan.sharedDirectory() == null || plan.entries().stream().noneMatch(e -> e.kind.shareable())) {
            return null;
        }
        Path directory = new Path(plan.sharedDirectory());
        FileSystem fs = directory.getFileSystem(conf);
        directory = fs.makeQualified(directory);
        FileStatus status;
        try {
            status = fs.getFileStatus(directory);
        } catch (FileNotFoundException e) {
            out.println(PREFIX + "the shared staging directory " + directory + " does not exist: the runtime layers "
                    + "are staged privately (an admin creates it once, open to all and sticky like /tmp: hdfs dfs -mkdir "
                    + "-p " + directory.toUri().getPath() + " && hdfs dfs -chmod 1777 " + directory.toUri().getPath() + ")");
            return null;
        } catch (IOException e) {
            out.println(PREFIX + "the shared staging directory " + directory + " cannot be read (" + LayerStager.firstLine(e)
                    + "): the runtime layers are staged privately");
            return null;
        }
        if (!status.isDirectory()) {
            out.println(PREFIX + "the shared staging directory " + directory + " is not a directory: the runtime layers "
                    + "are staged privately");
            return null;
        }
        return new SharedDirectory(fs, directory, status.getOwner(), HadoopClient.user(), plan.trustedOwners(),
                out);
    }

    Path directory() {
        return directory;
    }

    /**
     * Puts the layer in the shared directory, or finds it there, trusted.
     *
     * @return its URI there, or {@code null} when it must be staged privately (the log says why)
     */
    String stage(StagingPlan.Entry entry) throws IOException {
        Path target = new Path(directory, entry.stagedName);
        long size = Files.size(entry.file);
        FileStatus existing = status(target);
        if (existing != null) {
            return trusted(entry, existing, size, "");
        }
        if (!writable) {
            return null;
        }
        UploadProgress progress = LayerStager.progress(out, entry, size);
        try {
            if (!LayerStager.publish(fs, entry, target, PUBLIC_FILE, progress)) {
                existing = status(target);
                if (existing == null) {
                    throw new IOException("could not rename the upload of " + entry.stagedName + " to " + target);
                }
                return trusted(entry, existing, size, " (by another submission, just now)");
            }
        } catch (AccessControlException e) {
            writable = false;
            out.println(PREFIX + "cannot write to the shared staging directory " + directory + " (" + LayerStager.firstLine(e)
                    + "): the runtime layers are staged privately; ask its owner " + owner + " to open it (chmod 1777)");
            return null;
        }
        say(entry, "staged in the shared directory, " + progress.summary() + LayerStager.modified(fs, target));
        return target.toString();
    }

    /**
     * Says whether the layer is there, trusted, or would be uploaded.
     *
     * @return where it would be in the shared directory, or {@code null}: it would be staged privately
     */
    String dryRun(StagingPlan.Entry entry) throws IOException {
        Path target = new Path(directory, entry.stagedName);
        FileStatus existing = status(target);
        long size = Files.size(entry.file);
        if (existing == null) {
            say(entry, "would be uploaded (" + size + " bytes) to the shared directory " + directory);
            return target.toString();
        }
        String distrust = distrust(entry, existing, size);
        if (distrust == null) {
            say(entry, "already staged in the shared directory " + directory + " (owner " + existing.getOwner() + ")");
            return target.toString();
        }
        say(entry, "the shared directory's copy is not trusted (" + distrust + "): it would be staged privately");
        return null;
    }

    private String trusted(StagingPlan.Entry entry, FileStatus existing, long size, String how) throws IOException {
        long started = System.nanoTime();
        String distrust = distrust(entry, existing, size);
        if (distrust != null) {
            say(entry, "not using " + existing.getPath() + ": " + distrust + ", so it could hold anything; staging a "
                    + "private copy instead");
            return null;
        }
        boolean checked = !trusts(existing.getOwner());
        say(entry, "already staged in the shared directory" + how + " (owner " + existing.getOwner()
                + (checked ? String.format(", its content checked in %.1f s: sha256 matches",
                        (System.nanoTime() - started) / 1e9) : "") + ")"
                + LayerStager.modified(fs, existing.getPath()));
        return existing.getPath().toString();
    }

    /**
     * Why an existing shared layer may have been planted, or {@code null} when it cannot have been: a file of the
     * layer's size that nobody else may write, and yours, the directory owner's or a trusted owner's, or else whose
     * content is the layer's (its sha256, which its name carries, checked by reading it: a download, no upload).
     * Once handed to YARN it cannot be swapped unnoticed: YARN refuses a resource whose modification time changed.
     */
    private String distrust(StagingPlan.Entry entry, FileStatus status, long size) throws IOException {
        if (!status.isFile()) {
            return "it is not a file";
        }
        if (status.getLen() != size) {
            return "it has " + status.getLen() + " bytes, this layer " + size;
        }
        FsPermission permission = status.getPermission();
        if (permission.getGroupAction().implies(FsAction.WRITE) || permission.getOtherAction().implies(FsAction.WRITE)) {
            return "others may write it (" + permission + ")";
        }
        if (trusts(status.getOwner())) {
            return null;
        }
        String label = entry.kind.label();
        String expected = entry.stagedName.substring(label.length() + 1, label.length() + 65);
        String actual = sha256(status.getPath());
        return actual.equals(expected) ? null : "it belongs to " + status.getOwner() + " (neither you, " + me
                + ", nor the shared directory's owner, " + owner + (trustedOwners.isEmpty() ? ""
                        : ", nor one of <trustedStagingOwners>, " + String.join(", ", trustedOwners))
                + ") and its content is not this layer's (sha256 " + actual + ")";
    }

    /** Whether a layer this user owns (and nobody else may write) is used as it is, unread. */
    private boolean trusts(String fileOwner) {
        return fileOwner.equals(me) || fileOwner.equals(owner) || trustedOwners.contains(fileOwner);
    }

    private String sha256(Path file) throws IOException {
        java.security.MessageDigest digest = Digests.newSha256();
        byte[] buffer = new byte[1 << 16];
        try (java.io.InputStream in = fs.open(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return Digests.hex(digest.digest());
    }

    private FileStatus status(Path target) throws IOException {
        try {
            return fs.getFileStatus(target);
        } catch (FileNotFoundException absent) {
            return null;
        }
    }

    private void say(StagingPlan.Entry entry, String what) {
        LayerStager.say(out, entry, what);
    }
}
