package io.github.sparkwheel.runtime;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;

/**
 * Real relocatable CPythons for the tests, resolved as a user's build resolves them: org.bytedeco:cpython
 * jars from the build's local repository, else Maven Central.
 */
final class TestRuntimes {

    /** CPython 3.10, built on CentOS 7: glibc 2.17. */
    static final String PY310 = "org.bytedeco:cpython:3.10.8-1.5.8:jar:linux-x86_64";
    /** CPython 3.12: glibc 2.30. */
    static final String PY312 = "org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64";

    private TestRuntimes() {}

    static Path resolve(String coordinates) throws Exception {
        RuntimeCoordinates c = RuntimeCoordinates.parse(coordinates);
        RepositorySystem system = new RepositorySystemSupplier().get();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        Path local = Paths.get(System.getProperty("localRepository", System.getProperty("user.home") + "/.m2/repository"));
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
        RemoteRepository central = new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();
        return system.resolveArtifact(session, new ArtifactRequest(new DefaultArtifact(c.groupId(), c.artifactId(),
                c.classifier(), c.extension(), c.version()), List.of(central), null)).getArtifact().getFile().toPath();
    }
}
