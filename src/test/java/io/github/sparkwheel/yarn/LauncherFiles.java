package io.github.sparkwheel.yarn;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;

/** What the two cluster launchers write for the ITs and leave behind: whole files, directories, the log directory. */
final class LauncherFiles {

    private LauncherFiles() {
    }

    /** Writes {@code <dir>/<name>} whole: the ITs wait for the file and must never read half of it. */
    static void writeAtomically(Path dir, String name, String content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code <dir>/applications.properties}: one line {@code <id>=<value>} per application the RM knows. */
    static void writeApplications(MiniYARNCluster cluster, Path dir, Function<RMApp, String> value) throws IOException {
        StringBuilder apps = new StringBuilder();
        cluster.getResourceManager().getRMContext().getRMApps().forEach((id, app) ->
                apps.append(id).append('=').append(value.apply(app)).append('\n'));
        writeAtomically(dir, "applications.properties", apps.toString());
    }

    /** MiniYARNCluster keeps its directories, the NodeManager's container logs among them, in ./target/test/data. */
    static File findLogDir(File dir, String testName) {
        File base = new File(dir, "target/test/data/" + testName);
        File[] clusters = base.listFiles((d, name) -> name.startsWith("yarn-"));
        return clusters != null && clusters.length == 1 ? clusters[0] : base;
    }

    static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }
}
