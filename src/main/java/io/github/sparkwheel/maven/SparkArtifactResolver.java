package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Resolves a Spark distribution (spark-core and spark-yarn with their runtime dependencies) through
 * Maven's own resolver, so that submitting needs no Spark installation. slf4j-api is held at the
 * version spark-core declares: avro would otherwise pull an 1.7 API in ahead of it.
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
     * {@link #resolve}, remembered in {@code <cacheDirectory>/spark-<version>_<scala>.classpath}: a
     * release's jars never change, so while they all exist the resolution (~1 s of POM reading) is
     * skipped. Snapshots are always resolved.
     */
    List<Path> resolveCached(String sparkVersion, String scalaBinaryVersion, Path cacheDirectory)
            throws UserError, IOException {
        Path cache = cacheDirectory.resolve("spark-" + sparkVersion + "_" + scalaBinaryVersion + ".classpath");
        if (!sparkVersion.endsWith("-SNAPSHOT") && Files.isRegularFile(cache)) {
            List<Path> jars = new ArrayList<>();
            Files.readAllLines(cache, StandardCharsets.UTF_8).forEach(line -> jars.add(Paths.get(line)));
            if (!jars.isEmpty() && jars.stream().allMatch(Files::isRegularFile)) {
                return jars;
            }
        }
        List<Path> jars = resolve(sparkVersion, scalaBinaryVersion);
        Files.createDirectories(cacheDirectory);
        List<String> lines = new ArrayList<>();
        jars.forEach(jar -> lines.add(jar.toString()));
        Files.write(cache, lines, StandardCharsets.UTF_8);
        return jars;
    }

    List<Path> resolve(String sparkVersion, String scalaBinaryVersion) throws UserError {
        Artifact core = new DefaultArtifact("org.apache.spark", "spark-core_" + scalaBinaryVersion, "jar", sparkVersion);
        Artifact yarn = new DefaultArtifact("org.apache.spark", "spark-yarn_" + scalaBinaryVersion, "jar", sparkVersion);
        String hint = ", perhaps you should fix <sparkVersion> (-Dpyspark.sparkVersion) and <scalaBinaryVersion>, or set "
                + "<sparkHome> (-Dpyspark.sparkHome, SPARK_HOME) to a Spark installation";
        try {
            CollectRequest collect = new CollectRequest();
            collect.setRepositories(repositories);
            collect.addDependency(new Dependency(core, "runtime"));
            collect.addDependency(new Dependency(yarn, "runtime"));
            ArtifactDescriptorResult descriptor =
                    system.readArtifactDescriptor(session, new ArtifactDescriptorRequest(core, repositories, null));
            List<Dependency> declared = new ArrayList<>(descriptor.getManagedDependencies());
            declared.addAll(descriptor.getDependencies()); // a direct declaration wins over a managed one
            Dependency slf4j = null;
            for (Dependency dependency : declared) {
                if (dependency.getArtifact().getArtifactId().equals("slf4j-api")) {
                    slf4j = new Dependency(dependency.getArtifact(), "runtime");
                }
            }
            if (slf4j != null) {
                collect.addManagedDependency(slf4j);
            }
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect,
                    (node, parents) -> node.getDependency() == null || !"test".equals(node.getDependency().getScope())
                            && !"provided".equals(node.getDependency().getScope()))).getArtifactResults()) {
                if (result.getArtifact() != null && result.getArtifact().getFile() != null
                        && "jar".equals(result.getArtifact().getExtension())) {
                    jars.add(result.getArtifact().getFile().toPath());
                }
            }
            return jars;
        } catch (ArtifactDescriptorException | DependencyResolutionException e) {
            throw new UserError("Spark " + sparkVersion + " (Scala " + scalaBinaryVersion + ") could not be resolved: "
                    + e.getMessage() + hint, e);
        }
    }
}
