package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.spark.SparkDistribution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Resolves a Spark distribution ({@link SparkDistribution}) through Maven's own resolver, so that
 * submitting needs no Spark installation. It resolves as Spark's assembly module builds a
 * distribution: the modules, the yarn profile's web proxy and Guava at the versions spark-parent
 * manages, and everything they pull in held at spark-parent's managed versions and scopes (so avro
 * cannot bring an slf4j-api 1.7 ahead of Spark's 2.x).
 */
final class SparkArtifactResolver {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    SparkArtifactResolver(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /**
     * {@link #resolve}, remembered in {@code <cacheDirectory>/}{@link SparkDistribution#cacheName()}: a
     * release's jars never change, so while they all exist the resolution (~1 s of POM reading) is
     * skipped. Snapshots are always resolved.
     */
    List<Path> resolveCached(SparkDistribution spark, Path cacheDirectory) throws UserError, IOException {
        Path cache = cacheDirectory.resolve(spark.cacheName());
        if (!spark.version().endsWith("-SNAPSHOT") && Files.isRegularFile(cache)) {
            List<Path> jars = new ArrayList<>();
            Files.readAllLines(cache, StandardCharsets.UTF_8).forEach(line -> jars.add(Paths.get(line)));
            if (!jars.isEmpty() && jars.stream().allMatch(Files::isRegularFile)) {
                return jars;
            }
        }
        List<Path> jars = resolve(spark);
        Files.createDirectories(cacheDirectory);
        List<String> lines = new ArrayList<>();
        jars.forEach(jar -> lines.add(jar.toString()));
        Files.write(cache, lines, StandardCharsets.UTF_8);
        return jars;
    }

    List<Path> resolve(SparkDistribution spark) throws UserError {
        String hint = ", perhaps you should fix <sparkVersion> (-Dpyspark.sparkVersion), <scalaBinaryVersion> or "
                + "<sparkModules>, or set <sparkHome> (-Dpyspark.sparkHome, SPARK_HOME) to a Spark installation";
        Artifact core = artifact(spark, "spark-core");
        try {
            ArtifactDescriptorResult parent =
                    system.readArtifactDescriptor(session, new ArtifactDescriptorRequest(core, repositories, null));
            if (!parent.getExceptions().isEmpty()) {
                throw new ArtifactDescriptorException(parent);
            }
            List<Dependency> managed = parent.getManagedDependencies();
            List<Exclusion> notShipped = List.of(
                    new Exclusion(SparkDistribution.GROUP_ID, spark.artifactId(SparkDistribution.NODE_MANAGER_SHUFFLE_MODULE), "*", "*"));

            CollectRequest collect = new CollectRequest();
            collect.setRepositories(repositories);
            collect.setManagedDependencies(managed);
            for (String module : spark.modules()) {
                collect.addDependency(new Dependency(artifact(spark, module), "runtime", false, notShipped));
            }
            if (spark.yarn()) {
                // Spark 3's yarn profile; Spark 4 has an AmIpFilter of its own and manages no web proxy
                managedAsRuntime(managed, SparkDistribution.WEB_PROXY_GROUP_ID, SparkDistribution.WEB_PROXY_ARTIFACT_ID)
                        .ifPresent(collect::addDependency);
            }
            managedAsRuntime(managed, SparkDistribution.GUAVA_GROUP_ID, SparkDistribution.GUAVA_ARTIFACT_ID)
                    .ifPresent(collect::addDependency);

            List<Path> jars = new ArrayList<>();
            DependencyRequest request = new DependencyRequest(collect, (node, parents) -> node.getDependency() == null
                    || !"test".equals(node.getDependency().getScope()) && !"provided".equals(node.getDependency().getScope())
                            && !"system".equals(node.getDependency().getScope()));
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                if (result.getArtifact() != null && result.getArtifact().getFile() != null
                        && "jar".equals(result.getArtifact().getExtension())) {
                    jars.add(result.getArtifact().getFile().toPath());
                }
            }
            return jars;
        } catch (ArtifactDescriptorException | DependencyResolutionException e) {
            throw new UserError(spark + " could not be resolved: " + e.getMessage() + hint, e);
        }
    }

    private static Artifact artifact(SparkDistribution spark, String module) {
        return new DefaultArtifact(SparkDistribution.GROUP_ID, spark.artifactId(module), "jar", spark.version());
    }

    /** The version (and exclusions) spark-parent manages, in the runtime scope the assembly gives it. */
    private static Optional<Dependency> managedAsRuntime(List<Dependency> managed, String groupId, String artifactId) {
        return managed.stream().filter(d -> d.getArtifact().getGroupId().equals(groupId)
                        && d.getArtifact().getArtifactId().equals(artifactId) && d.getArtifact().getClassifier().isEmpty())
                .findFirst().map(d -> new Dependency(d.getArtifact(), "runtime", false, d.getExclusions()));
    }
}
