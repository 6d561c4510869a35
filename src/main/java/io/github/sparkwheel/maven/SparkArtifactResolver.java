package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import java.nio.file.Path;
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
