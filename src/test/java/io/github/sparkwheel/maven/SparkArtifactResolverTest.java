package io.github.sparkwheel.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.spark.SparkDistribution;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark that the submit goal resolves without a Spark home, resolved for real (the build's local
 * repository, then Maven Central) and read back: it must hold every module a Spark distribution built
 * with YARN support ships, so that a missing module fails here and not in a user's ApplicationMaster.
 */
class SparkArtifactResolverTest {

    /**
     * The Spark jars of a Spark 3.5 distribution's jars/ (hadoop3 build, without Hive), less the Scala shell
     * (spark-repl), which a PySpark job never loads.
     */
    private static final List<String> SPARK_35_DISTRIBUTION_MODULES = List.of("spark-catalyst", "spark-common-utils",
            "spark-core", "spark-graphx", "spark-kvstore", "spark-launcher", "spark-mllib", "spark-mllib-local",
            "spark-network-common", "spark-network-shuffle", "spark-sketch", "spark-sql", "spark-sql-api",
            "spark-streaming", "spark-tags", "spark-unsafe", "spark-yarn");
    /**
     * The Spark jars of a Spark 4.0 distribution's jars/ (hadoop3 build) less Hive, Kubernetes, the Scala shell
     * (spark-repl) and the Spark Connect server: 3.5's and the new variant type's module.
     */
    private static final List<String> SPARK_40_DISTRIBUTION_MODULES = List.of("spark-catalyst", "spark-common-utils",
            "spark-core", "spark-graphx", "spark-kvstore", "spark-launcher", "spark-mllib", "spark-mllib-local",
            "spark-network-common", "spark-network-shuffle", "spark-sketch", "spark-sql", "spark-sql-api",
            "spark-streaming", "spark-tags", "spark-unsafe", "spark-variant", "spark-yarn");

    /** What real jobs touch first: SparkSession (spark-sql), the YARN AM and its UI filter, ML, streaming, graphs. */
    private static final List<String> CLASSES_JOBS_NEED = List.of("org.apache.spark.sql.SparkSession",
            "org.apache.spark.deploy.yarn.ApplicationMaster", "org.apache.spark.api.python.PythonRunner",
            "org.apache.spark.ml.Pipeline", "org.apache.spark.streaming.StreamingContext", "org.apache.spark.graphx.Graph");
    /** The filter Spark 3's AM puts in front of the UI (Spark's default, spark.ui.enabled=true), from the web proxy. */
    private static final String SPARK_3_AM_FILTER = "org.apache.hadoop.yarn.server.webproxy.amfilter.AmIpFilter";
    /** Spark 4 carries its own copy of that filter (Jakarta servlets) and manages no web proxy. */
    private static final String SPARK_4_AM_FILTER = "org.apache.spark.deploy.yarn.AmIpFilter";

    private static SparkArtifactResolver resolver;

    @TempDir
    Path dir;

    @BeforeAll
    static void realResolver() {
        RepositorySystem system = new RepositorySystemSupplier().get();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        Path local = Paths.get(System.getProperty("localRepository", System.getProperty("user.home") + "/.m2/repository"));
        session.setSystemProperties(System.getProperties()); // as in Maven: POM profiles activate on the JDK
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
        RemoteRepository central = new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();
        resolver = new SparkArtifactResolver(system, session, List.of(central));
    }

    @Test
    void resolve_theDefaultModules_areWhatASpark35DistributionWithYarnShips() throws Exception {
        List<Path> jars = resolver.resolve(SparkDistribution.of("3.5.5", "2.12", null));
        Map<String, String> versions = versionsByArtifactId(jars);

        for (String module : SPARK_35_DISTRIBUTION_MODULES) {
            assertThat(versions).as(module).containsEntry(module + "_2.12", "3.5.5");
        }
        // the yarn profile's web proxy at the Hadoop version Spark 3.5.5 declares, and the assembly's Guava
        assertThat(versions).containsEntry("hadoop-yarn-server-web-proxy", "3.3.4").containsEntry("hadoop-client-api", "3.3.4")
                .containsEntry("hadoop-client-runtime", "3.3.4").containsEntry("guava", "14.0.1")
                // held at spark-parent's managed versions, not the nearest transitive one
                .containsEntry("slf4j-api", "2.0.7").containsEntry("py4j", "0.10.9.7");
        // Hive only on request, the Scala shell never; nothing a distribution does not ship
        assertThat(versions).doesNotContainKeys("spark-hive_2.12", "spark-repl_2.12", "spark-network-yarn_2.12", "junit",
                "scalatest_2.12", "bcprov-jdk18on");
        assertThat(versions.values()).as("one version per artifact").noneMatch(v -> v.contains(","));
        assertThat(jars).allMatch(Files::isRegularFile);
        assertThat(loadable(jars, CLASSES_JOBS_NEED)).containsExactlyElementsOf(CLASSES_JOBS_NEED);
        assertThat(loadable(jars, List.of(SPARK_3_AM_FILTER))).hasSize(1);
    }

    @Test
    void resolve_spark401ByItsVersionAlone_isWhatASpark40DistributionWithYarnShipsForPyspark() throws Exception {
        SparkDistribution spark = SparkDistribution.of("4.0.1", null, null);
        List<Path> jars = resolver.resolve(spark);
        Map<String, String> versions = versionsByArtifactId(jars);

        Map<String, String> sparkJars = versions.entrySet().stream().filter(e -> e.getKey().startsWith("spark-"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(sparkJars.keySet()).containsExactlyInAnyOrderElementsOf(SPARK_40_DISTRIBUTION_MODULES.stream()
                .map(m -> m + "_2.13").collect(Collectors.toList()));
        assertThat(sparkJars.values()).containsOnly("4.0.1");
        // Spark 4 filters the AM's UI with its own class: no Hadoop web proxy; held at spark-parent 4.0.1's versions
        assertThat(versions).doesNotContainKeys("hadoop-yarn-server-web-proxy", "spark-network-yarn_2.13")
                .containsEntry("scala-library", "2.13.16").containsEntry("py4j", "0.10.9.9")
                .containsEntry("hadoop-client-api", "3.4.1");
        // that Hadoop client renews a delegation token only with BouncyCastle at hand (HADOOP-19287): without it Spark
        // 4.0 cannot submit to a Kerberos-secured cluster, so it comes along at the version spark-parent manages
        assertThat(versions).containsEntry("bcprov-jdk18on", "1.80");
        assertThat(versions.values()).as("one version per artifact").noneMatch(v -> v.contains(","));
        assertThat(loadable(jars, CLASSES_JOBS_NEED)).containsExactlyElementsOf(CLASSES_JOBS_NEED);
        assertThat(loadable(jars, List.of(SPARK_4_AM_FILTER, SPARK_3_AM_FILTER))).containsExactly(SPARK_4_AM_FILTER);
        assertThat(loadable(jars, List.of("org.bouncycastle.jce.provider.BouncyCastleProvider"))).hasSize(1);
    }

    @Test
    void resolve_spark42ByItsVersionAlone_withoutTheNodeManagersShuffleService() throws Exception {
        // neither spark-repl_2.13 4.2.0 nor spark-network-yarn_2.13 4.2.0 is served by this project's Maven mirror
        List<Path> jars = resolver.resolve(SparkDistribution.of("4.2.0", null, null));
        Map<String, String> versions = versionsByArtifactId(jars);
        for (String module : SparkDistribution.DEFAULT_MODULES) {
            assertThat(versions).as(module).containsEntry(module + "_2.13", "4.2.0");
        }
        assertThat(versions).doesNotContainKeys("spark-network-yarn_2.13", "hadoop-yarn-server-web-proxy")
                .containsEntry("slf4j-api", "2.0.17");
        assertThat(loadable(jars, CLASSES_JOBS_NEED)).containsExactlyElementsOf(CLASSES_JOBS_NEED);
        assertThat(loadable(jars, List.of(SPARK_4_AM_FILTER))).hasSize(1);
    }

    @Test
    void resolveCached_remembersTheClasspathPerModuleList() throws Exception {
        SparkDistribution core = SparkDistribution.of("3.5.5", "2.12", List.of("spark-core"));
        List<Path> first = resolver.resolveCached(core, dir);
        assertThat(dir.resolve(core.cacheName())).exists();
        assertThat(resolver.resolveCached(core, dir)).isEqualTo(first);
        assertThat(versionsByArtifactId(first)).containsKey("spark-core_2.12").doesNotContainKey("spark-sql_2.12");
        assertThat(SparkDistribution.of("3.5.5", "2.12", null).cacheName()).isNotEqualTo(core.cacheName());
    }

    @Test
    void resolve_anUnknownVersion_namesTheArtifactAndTheVersionsTheRepositoriesHold() {
        assertThatThrownBy(() -> resolver.resolve(SparkDistribution.of("3.5.404", "2.12", List.of("spark-core"))))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Spark 3.5.404 (Scala 2.12: spark-core) could not be resolved: "
                        + "org.apache.spark:spark-core_2.12:3.5.404 is in none of the repositories (central "
                        + "https://repo.maven.apache.org/maven2/); they hold spark-core_2.12 at ")
                .hasMessageMatching("(?s).*they hold spark-core_2\\.12 at [^;]*\\b3\\.5\\.5\\b.*")
                .hasMessageContaining("<sparkVersion> (-Dpyspark.sparkVersion)");
    }

    /**
     * artifactId → version, read from the repository layout (…/artifactId/version/artifactId-version.jar);
     * two versions of one artifact show as "v1,v2" (netty's per-platform jars share one).
     */
    private static Map<String, String> versionsByArtifactId(List<Path> jars) {
        return jars.stream().collect(Collectors.toMap(j -> j.getParent().getParent().getFileName().toString(),
                j -> j.getParent().getFileName().toString(), (a, b) -> a.equals(b) ? a : a + "," + b));
    }

    private static List<String> loadable(List<Path> jars, List<String> classes) throws Exception {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        List<String> found = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            for (String name : classes) {
                try {
                    Class.forName(name, false, loader);
                    found.add(name);
                } catch (ClassNotFoundException | NoClassDefFoundError missing) {
                    // reported by the assertion, which lists what was found
                }
            }
        }
        return found;
    }

}
