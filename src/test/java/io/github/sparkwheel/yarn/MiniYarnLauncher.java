package io.github.sparkwheel.yarn;

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * Starts a real single-node YARN (MiniYARNCluster) over a real HDFS (MiniDFSCluster, the default file
 * system) for the submit ITs and keeps them up until the process is stopped or {@code <dir>/stop}
 * appears. Writes {@code <dir>/conf/yarn-site.xml} and {@code core-site.xml} (what
 * {@code HADOOP_CONF_DIR} points at) and, last, {@code <dir>/yarn.properties} with the conf and
 * container log directories; the ITs wait for that file. While it runs, it keeps
 * {@code <dir>/applications.properties} up to date with every application's state.
 *
 * <p>usage: MiniYarnLauncher DIR [NODE_MEMORY_MB]
 */
public final class MiniYarnLauncher {

    private MiniYarnLauncher() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]).toAbsolutePath();
        int nodeMemory = args.length > 1 ? Integer.parseInt(args[1]) : 6144;
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("yarn.properties"));
        Files.deleteIfExists(dir.resolve("stop"));
        LauncherFiles.deleteRecursively(dir.resolve("target").toFile()); // an earlier cluster's directories
        Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir")));
        long started = System.nanoTime();

        // a real HDFS as the cluster's default file system (staged layers, Spark's .sparkStaging), its
        // storage under DIR; permissions on, the launching user is its superuser
        Configuration dfsConf = new Configuration();
        dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        dfsConf.setInt("dfs.replication", 1);
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).format(true).build();
        dfs.waitActive();
        String defaultFs = dfs.getFileSystem().getUri().toString();
        FileSystem hdfs = dfs.getFileSystem();
        hdfs.mkdirs(new org.apache.hadoop.fs.Path("/user/" + System.getProperty("user.name")));
        // a directory nobody but its owner may write, for the IT of an unwritable staging directory
        hdfs.mkdirs(new org.apache.hadoop.fs.Path("/locked"), new FsPermission((short) 0755));
        hdfs.setPermission(new org.apache.hadoop.fs.Path("/"), new FsPermission((short) 0755));
        hdfs.setPermission(new org.apache.hadoop.fs.Path("/user"), new FsPermission((short) 0777));

        Configuration conf = new YarnConfiguration();
        // as Spark's own YARN suites configure it
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
        conf.set("fs.defaultFS", defaultFs);
        conf.setInt("dfs.replication", 1);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        conf.setInt(YarnConfiguration.NM_PMEM_MB, nodeMemory);
        conf.setInt(YarnConfiguration.NM_VCORES, 4);
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.setFloat("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", 100.0f);
        conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 600);
        // as on most production clusters, finished applications' logs are aggregated (here to a local
        // directory); the NodeManagers keep their own copy for DEBUG_NM_DELETE_DELAY_SEC as well
        conf.setBoolean(YarnConfiguration.LOG_AGGREGATION_ENABLED, true);
        conf.set(YarnConfiguration.NM_REMOTE_APP_LOG_DIR, dir.resolve("app-logs").toUri().toString());

        // MiniYARNCluster puts its directories under ./target: run this with DIR as the working directory
        MiniYARNCluster cluster = new MiniYARNCluster("pyspark-it", 1, 1, 1);
        cluster.init(conf);
        cluster.start();
        Configuration live = cluster.getConfig();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (live.get(YarnConfiguration.RM_ADDRESS).endsWith(":0") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(cluster, dfs), "mini-yarn-stop"));

        Path confDir = Files.createDirectories(dir.resolve("conf"));
        try (OutputStream out = new FileOutputStream(confDir.resolve("yarn-site.xml").toFile())) {
            live.writeXml(out);
        }
        Files.writeString(confDir.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n"
                + "  <property><name>fs.defaultFS</name><value>" + defaultFs + "</value></property>\n"
                + "  <property><name>dfs.replication</name><value>1</value></property>\n</configuration>\n");
        File logDir = LauncherFiles.findLogDir(dir.toFile(), "pyspark-it");
        LauncherFiles.writeAtomically(dir, "yarn.properties", "confDir=" + confDir + "\nlogDir=" + logDir
                + "\nrm=" + live.get(YarnConfiguration.RM_ADDRESS)
                + "\nrmWebapp=" + live.get(YarnConfiguration.RM_WEBAPP_ADDRESS) + "\ndefaultFs=" + defaultFs
                + "\nwebhdfs=http://" + dfs.getNameNode().getHttpAddress().getHostString() + ":"
                + dfs.getNameNode().getHttpAddress().getPort() + "/webhdfs/v1\n");
        System.out.printf("MiniYARNCluster ready in %.1f s: RM %s, conf %s, container logs %s%n",
                (System.nanoTime() - started) / 1e9, live.get(YarnConfiguration.RM_ADDRESS), confDir, logDir);

        while (!Files.exists(dir.resolve("stop"))) {
            LauncherFiles.writeApplications(cluster, dir, app -> app.getState().toString());
            Thread.sleep(500);
        }
        System.exit(0);
    }

    private static void stop(MiniYARNCluster cluster, MiniDFSCluster dfs) {
        Thread stopper = new Thread(() -> {
            cluster.stop();
            dfs.shutdown();
        }, "mini-yarn-stopper");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(TimeUnit.SECONDS.toMillis(5)); // a graceful stop takes ~19 s; containers die with us anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
