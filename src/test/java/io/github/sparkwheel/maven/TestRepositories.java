package io.github.sparkwheel.maven;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.spark.SparkDistribution;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Real Maven resolution for the tests' own servers (the build's local repository, then Maven Central): a Spark
 * distribution as the submit goal resolves it, and any artifact with its runtime dependencies.
 */
public final class TestRepositories {

    private static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    private final RepositorySystem system = new RepositorySystemSupplier().get();
    private final DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();

    public TestRepositories() {
        Path local = Paths.get(System.getProperty("localRepository", System.getProperty("user.home") + "/.m2/repository"));
        session.setSystemProperties(System.getProperties()); // as in Maven: POM profiles activate on the JDK
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
    }

    /** Spark's jars, as the submit goal resolves them without a Spark home (its default modules). */
    public List<Path> spark(String version) throws UserError {
        return new SparkArtifactResolver(system, session, List.of(CENTRAL)).resolve(SparkDistribution.of(version, null, null));
    }

    /** {@code groupId:artifactId:version} and its runtime dependencies, as jars. */
    public List<Path> withRuntimeDependencies(String coordinates) throws Exception {
        CollectRequest collect = new CollectRequest(new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME),
                List.of(CENTRAL));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        return system.resolveDependencies(session, request).getArtifactResults().stream()
                .map(ArtifactResult::getArtifact).map(a -> a.getFile().toPath()).collect(Collectors.toList());
    }
}
