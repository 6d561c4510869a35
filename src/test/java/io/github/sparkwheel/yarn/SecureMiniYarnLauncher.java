package io.github.sparkwheel.yarn;

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real Kerberos-secured cluster for the secure ITs, started once for all of them: a KDC (Hadoop's MiniKdc, Apache
 * Kerby inside), a secure HDFS (MiniDFSCluster: Kerberos RPC, block access tokens, SASL data transfer protection) as the
 * default file system, and a secure YARN (MiniYARNCluster) with log aggregation to it. See shared/docs/KERBEROS.md for
 * the keys, the order and the pitfalls.
 *
 * <p>Principals: {@code hadoop/localhost} (every daemon; the HDFS superuser, {@code hadoop}), {@code HTTP/localhost};
 * users {@code alice} and {@code bob} (with homes), {@code etl} (may submit as alice: {@code hadoop.proxyuser.etl}),
 * {@code carol} (no home directory) and {@code batch/etl} (which {@code auth_to_local} maps to no user). Each user's
 * keytab is {@code <dir>/keytabs/<name>.keytab}. Writes {@code <dir>/krb5.conf}, the client configuration
 * {@code <dir>/conf} (and {@code <dir>/conf-simple}, the same cluster's addresses with {@code simple}
 * authentication), and last {@code <dir>/secure.properties}, which the ITs wait for. Runs until the process is stopped
 * or {@code <dir>/stop} appears.
 *
 * <p>usage: SecureMiniYarnLauncher DIR HARNESS_SOURCES (src/test/secure-harness)
 */
public final class SecureMiniYarnLauncher {

    static final String[] USERS = {"alice", "bob", "etl", "carol", "batch/etl"};

    private SecureMiniYarnLauncher() {}

    /**
     * Runs {@link #run} in a class loader that also sees, ahead of the test classpath:
     * <ul>
     *   <li>{@code <dir>/site/hdfs-site.xml}: the NodeManager localizes resources in this JVM with a plain {@code new
     *       Configuration()}, which reads only the site files on the classpath, and without the data transfer
     *       protection there it cannot read a block of the secure HDFS;</li>
     *   <li>the harness's stand-in for Hadoop's {@code SecureIOUtils} (see its source in HARNESS_SOURCES), compiled
     *       here: this cluster runs containers as its own OS user and has no native code, so Hadoop's owner checks of
     *       container logs would refuse them all, where a real NodeManager (containers as their user) reads them.</li>
     * </ul>
     */
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]).toAbsolutePath();
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("hdfs-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n"
                + "  <property><name>dfs.data.transfer.protection</name><value>authentication</value></property>\n"
                + "</configuration>\n", StandardCharsets.UTF_8);
        Path harness = Files.createDirectories(dir.resolve("harness-classes"));
        List<String> sources = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(Paths.get(args[1]))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
        }
        List<String> javac = new ArrayList<>(List.of("-d", harness.toString(), "-cp",
                System.getProperty("java.class.path"), "-nowarn"));
        javac.addAll(sources);
        if (javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(new String[0])) != 0) {
            throw new IllegalStateException("the harness's sources in " + args[1] + " do not compile");
        }
        List<URL> urls = new ArrayList<>();
        urls.add(site.toUri().toURL());
        urls.add(harness.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Paths.get(entry).toUri().toURL());
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method run = loader.loadClass(SecureMiniYarnLauncher.class.getName()).getDeclaredMethod("run", Path.class);
        run.setAccessible(true);
        run.invoke(null, dir);
    }

    static void run(Path dir) throws Exception {
        Files.deleteIfExists(dir.resolve("secure.properties"));
        Files.deleteIfExists(dir.resolve("stop"));
        LauncherFiles.deleteRecursively(dir.resolve("target").toFile());
        LauncherFiles.deleteRecursively(dir.resolve("kdc").toFile());
        LauncherFiles.deleteRecursively(dir.resolve("keytabs").toFile());
        Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir")));
        long started = System.nanoTime();

        // 1. the KDC, before any Hadoop security class is touched
        Properties kdcConf = MiniKdc.createConf();
        kdcConf.setProperty(MiniKdc.KDC_BIND_ADDRESS, "localhost");
        kdcConf.setProperty(MiniKdc.KDC_PORT, "0");
        kdcConf.setProperty(MiniKdc.ORG_NAME, "EXAMPLE");
        kdcConf.setProperty(MiniKdc.ORG_DOMAIN, "COM");
        MiniKdc kdc = new MiniKdc(kdcConf, Files.createDirectories(dir.resolve("kdc")).toFile());
        kdc.start();
        String realm = kdc.getRealm();
        Path keytabs = Files.createDirectories(dir.resolve("keytabs"));
        File service = keytabs.resolve("hadoop-service.keytab").toFile();
        kdc.createPrincipal(service, "hadoop/localhost", "HTTP/localhost");
        for (String user : USERS) { // each principal is created once: a second creation would re-key it
            kdc.createPrincipal(keytabs.resolve(user.replace('/', '-') + ".keytab").toFile(), user);
        }
        Path krb5 = dir.resolve("krb5.conf");
        Files.writeString(krb5, "[libdefaults]\n  default_realm = " + realm + "\n  dns_lookup_kdc = false\n"
                + "  dns_lookup_realm = false\n  dns_canonicalize_hostname = false\n  rdns = false\n"
                + "  udp_preference_limit = 1\n  forwardable = true\n\n[realms]\n  " + realm + " = {\n    kdc = 127.0.0.1:"
                + kdc.getPort() + "\n  }\n", StandardCharsets.UTF_8);
        System.setProperty("java.security.krb5.conf", krb5.toString());
        Class<?> config = Class.forName("sun.security.krb5.Config");
        config.getMethod("refresh").invoke(null);

        // 2. the cluster's security settings, then its login: the daemons run as hadoop/localhost
        String servicePrincipal = "hadoop/localhost@" + realm;
        String httpPrincipal = "HTTP/localhost@" + realm;
        Configuration conf = new YarnConfiguration();
        conf.set("hadoop.security.authentication", "kerberos");
        conf.setBoolean("hadoop.security.authorization", true);
        conf.set("hadoop.rpc.protection", "authentication");
        String authToLocal = "RULE:[2:$1@$0](hadoop@" + realm + ")s/.*/hadoop/\n"
                + "RULE:[2:$1@$0](HTTP@" + realm + ")s/.*/hadoop/\n"
                + "RULE:[1:$1@$0](.*@" + realm.replace(".", "\\.") + ")s/@.*//";
        conf.set("hadoop.security.auth_to_local", authToLocal);
        conf.set("hadoop.user.group.static.mapping.overrides", "hadoop=supergroup;alice=alice;bob=bob;etl=etl;carol=carol");
        conf.set("hadoop.proxyuser.etl.hosts", "*");
        conf.set("hadoop.proxyuser.etl.users", "alice");
        conf.set("hadoop.proxyuser.hadoop.hosts", "*");
        conf.set("hadoop.proxyuser.hadoop.groups", "*");
        // HDFS
        conf.set("dfs.namenode.kerberos.principal", servicePrincipal);
        conf.set("dfs.namenode.keytab.file", service.toString());
        conf.set("dfs.datanode.kerberos.principal", servicePrincipal);
        conf.set("dfs.datanode.keytab.file", service.toString());
        conf.set("dfs.web.authentication.kerberos.principal", httpPrincipal);
        conf.set("dfs.web.authentication.kerberos.keytab", service.toString());
        conf.setBoolean("dfs.block.access.token.enable", true);
        conf.set("dfs.data.transfer.protection", "authentication");
        conf.setBoolean("ignore.secure.ports.for.testing", true);
        conf.setInt("dfs.replication", 1);
        // YARN
        conf.set(YarnConfiguration.RM_PRINCIPAL, servicePrincipal);
        conf.set(YarnConfiguration.RM_KEYTAB, service.toString());
        conf.set(YarnConfiguration.NM_PRINCIPAL, servicePrincipal);
        conf.set(YarnConfiguration.NM_KEYTAB, service.toString());
        conf.set(YarnConfiguration.RM_WEBAPP_SPNEGO_USER_NAME_KEY, httpPrincipal);
        conf.set(YarnConfiguration.RM_WEBAPP_SPNEGO_KEYTAB_FILE_KEY, service.toString());
        conf.set(YarnConfiguration.NM_WEBAPP_SPNEGO_USER_NAME_KEY, httpPrincipal);
        conf.set(YarnConfiguration.NM_WEBAPP_SPNEGO_KEYTAB_FILE_KEY, service.toString());
        // the nodes' /etc/krb5.conf: this KDC's, for every container's JVM (the AM, the executors)
        conf.set(YarnConfiguration.NM_ADMIN_USER_ENV, "MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX,JAVA_TOOL_OPTIONS="
                + "-Djava.security.krb5.conf=" + krb5);
        UserGroupInformation.setConfiguration(conf);
        UserGroupInformation.loginUserFromKeytab(servicePrincipal, service.toString());

        // 3. HDFS, with a home for alice, bob and etl (not for carol)
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        // its own copy: MiniDFSCluster adds test-only settings (a rack mapping class Spark does not have) to the one it gets
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(new Configuration(conf)).numDataNodes(1).format(true).build();
        dfs.waitActive();
        FileSystem hdfs = dfs.getFileSystem();
        String defaultFs = hdfs.getUri().toString();
        hdfs.setPermission(new org.apache.hadoop.fs.Path("/"), new FsPermission((short) 0755));
        hdfs.mkdirs(new org.apache.hadoop.fs.Path("/user"), new FsPermission((short) 0755));
        for (String user : new String[] {"alice", "bob", "etl"}) {
            org.apache.hadoop.fs.Path home = new org.apache.hadoop.fs.Path("/user/" + user);
            hdfs.mkdirs(home, new FsPermission((short) 0755));
            hdfs.setOwner(home, user, user);
        }
        for (String open : new String[] {"/tmp", "/app-logs", "/shared"}) { // sticky and open, as on a real cluster
            hdfs.mkdirs(new org.apache.hadoop.fs.Path(open));
            hdfs.setPermission(new org.apache.hadoop.fs.Path(open), new FsPermission((short) 01777));
        }

        // 4. YARN, as Spark's own YARN suites configure it, with its logs aggregated to the secure HDFS
        conf.set("fs.defaultFS", defaultFs);
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        conf.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
        conf.setInt(YarnConfiguration.NM_VCORES, 4);
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.setFloat("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", 100.0f);
        conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 600);
        conf.setBoolean(YarnConfiguration.LOG_AGGREGATION_ENABLED, true);
        conf.set(YarnConfiguration.NM_REMOTE_APP_LOG_DIR, defaultFs + "/app-logs");
        MiniYARNCluster cluster = new MiniYARNCluster("pyspark-secure-it", 1, 1, 1);
        cluster.init(conf);
        cluster.start();
        Configuration live = cluster.getConfig();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((live.get(YarnConfiguration.RM_ADDRESS).endsWith(":0")
                || cluster.getResourceManager().getRMContext().getRMNodes().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(cluster, dfs, kdc), "secure-mini-yarn-stop"));

        // 5. the client configuration: the server principals and the data transfer protection, no keytab
        Path confDir = Files.createDirectories(dir.resolve("conf"));
        try (OutputStream out = new FileOutputStream(confDir.resolve("yarn-site.xml").toFile())) {
            live.writeXml(out);
        }
        String core = "  <property><name>fs.defaultFS</name><value>" + defaultFs + "</value></property>\n"
                + "  <property><name>hadoop.rpc.protection</name><value>authentication</value></property>\n"
                + "  <property><name>hadoop.security.auth_to_local</name><value>" + authToLocal + "</value></property>\n";
        Files.writeString(confDir.resolve("core-site.xml"), site(core
                + "  <property><name>hadoop.security.authentication</name><value>kerberos</value></property>\n"
                + "  <property><name>hadoop.security.authorization</name><value>true</value></property>\n"));
        String hdfsSite = "  <property><name>dfs.namenode.kerberos.principal</name><value>" + servicePrincipal
                + "</value></property>\n"
                + "  <property><name>dfs.datanode.kerberos.principal</name><value>" + servicePrincipal
                + "</value></property>\n"
                + "  <property><name>dfs.data.transfer.protection</name><value>authentication</value></property>\n"
                + "  <property><name>dfs.block.access.token.enable</name><value>true</value></property>\n"
                + "  <property><name>dfs.replication</name><value>1</value></property>\n";
        Files.writeString(confDir.resolve("hdfs-site.xml"), site(hdfsSite));
        // the same cluster as a configuration that does not know it is secure would address it
        Path simpleDir = Files.createDirectories(dir.resolve("conf-simple"));
        Files.writeString(simpleDir.resolve("core-site.xml"), site(core));
        Files.writeString(simpleDir.resolve("yarn-site.xml"), site("  <property><name>yarn.resourcemanager.address</name>"
                + "<value>" + live.get(YarnConfiguration.RM_ADDRESS) + "</value></property>\n"));
        Files.writeString(simpleDir.resolve("hdfs-site.xml"), site("  <property><name>dfs.replication</name><value>1"
                + "</value></property>\n"));

        File logDir = LauncherFiles.findLogDir(dir.toFile(), "pyspark-secure-it");
        LauncherFiles.writeAtomically(dir, "secure.properties", "realm=" + realm + "\nkdcPort=" + kdc.getPort()
                + "\nkrb5Conf=" + krb5 + "\nconfDir=" + confDir + "\nsimpleConfDir=" + simpleDir + "\nkeytabs=" + keytabs
                + "\ndefaultFs=" + defaultFs + "\nrm="
                + live.get(YarnConfiguration.RM_ADDRESS) + "\nlogDir=" + logDir + "\n");
        System.out.printf("Secure MiniYARNCluster ready in %.1f s: realm %s, KDC 127.0.0.1:%d, RM %s, conf %s%n",
                (System.nanoTime() - started) / 1e9, realm, kdc.getPort(), live.get(YarnConfiguration.RM_ADDRESS), confDir);

        while (!Files.exists(dir.resolve("stop"))) {
            LauncherFiles.writeApplications(cluster, dir, app -> app.getState() + " " + app.getUser());
            Thread.sleep(500);
        }
        System.exit(0);
    }

    private static String site(String properties) {
        return "<?xml version=\"1.0\"?>\n<configuration>\n" + properties + "</configuration>\n";
    }

    private static void stop(MiniYARNCluster cluster, MiniDFSCluster dfs, MiniKdc kdc) {
        Thread stopper = new Thread(() -> {
            cluster.stop();
            dfs.shutdown();
            kdc.stop();
        }, "secure-mini-yarn-stopper");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
