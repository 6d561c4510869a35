package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.spark.SparkDistribution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

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
            boolean bouncyCastle = managed.stream().anyMatch(d -> d.getArtifact().getGroupId().equals("org.apache.hadoop")
                    && d.getArtifact().getArtifactId().equals(SparkDistribution.HADOOP_CLIENT_API)
                    && SparkDistribution.needsBouncyCastle(d.getArtifact().getVersion()));
            if (bouncyCastle) {
                managedAsRuntime(managed, SparkDistribution.BOUNCY_CASTLE_GROUP_ID,
                        SparkDistribution.BOUNCY_CASTLE_ARTIFACT_ID).ifPresent(collect::addDependency);
            }

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
            throw new UserError(spark + " could not be resolved: " + whatIsMissing(e) + hint, e);
        }
    }

    /**
     * The artifacts the repositories do not have, each with the versions they do have of it (Maven's version
     * range lookup), so that the user sees what to choose; else the resolver's own message.
     */
    private String whatIsMissing(Exception e) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (Artifact artifact : notFound(e, new ArrayList<>())) {
            String ga = artifact.getGroupId() + ":" + artifact.getArtifactId();
            if (!seen.add(ga + ":" + artifact.getBaseVersion())) {
                continue;
            }
            List<String> versions = versions(artifact);
            missing.add(ga + ":" + artifact.getBaseVersion() + " is in none of the repositories ("
                    + repositories.stream().map(r -> r.getId() + " " + r.getUrl()).collect(Collectors.joining(", "))
                    + (session.isOffline() ? ", and Maven is offline" : "") + "); "
                    + (versions.isEmpty() ? "they hold no version of " + artifact.getArtifactId()
                            : "they hold " + artifact.getArtifactId() + " at " + String.join(", ", versions.subList(
                                    Math.max(0, versions.size() - 16), versions.size()))));
        }
        return missing.isEmpty() ? e.getMessage() : String.join("; ", missing);
    }

    /** Every artifact a resolution failure says was not found, from its causes and its partial results. */
    private static List<Artifact> notFound(Throwable e, List<Throwable> visited) {
        List<Artifact> found = new ArrayList<>();
        if (e == null || visited.stream().anyMatch(v -> v == e)) {
            return found;
        }
        visited.add(e);
        if (e instanceof ArtifactNotFoundException && ((ArtifactNotFoundException) e).getArtifact() != null) {
            found.add(((ArtifactNotFoundException) e).getArtifact());
        }
        List<Throwable> more = new ArrayList<>();
        if (e instanceof ArtifactDescriptorException) {
            more.addAll(((ArtifactDescriptorException) e).getResult().getExceptions());
        } else if (e instanceof DependencyResolutionException && ((DependencyResolutionException) e).getResult() != null) {
            DependencyResult result = ((DependencyResolutionException) e).getResult();
            more.addAll(result.getCollectExceptions());
            result.getArtifactResults().forEach(r -> more.addAll(r.getExceptions()));
        } else if (e instanceof ArtifactResolutionException) {
            ((ArtifactResolutionException) e).getResults().forEach(r -> more.addAll(r.getExceptions()));
        } else if (e instanceof DependencyCollectionException && ((DependencyCollectionException) e).getResult() != null) {
            more.addAll(((DependencyCollectionException) e).getResult().getExceptions());
        }
        more.add(e.getCause());
        for (Throwable t : more) {
            found.addAll(notFound(t, visited));
        }
        return found;
    }

    /** The versions of an artifact the repositories hold, oldest first. */
    private List<String> versions(Artifact artifact) {
        Artifact any = new DefaultArtifact(artifact.getGroupId(), artifact.getArtifactId(), "", "jar", "[0,)");
        try {
            List<String> versions = new ArrayList<>();
            system.resolveVersionRange(session, new VersionRangeRequest(any, repositories, null)).getVersions()
                    .forEach(v -> versions.add(v.toString()));
            return versions;
        } catch (VersionRangeResolutionException | RuntimeException e) {
            return List.of();
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
