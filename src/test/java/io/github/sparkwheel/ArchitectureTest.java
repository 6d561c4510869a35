package io.github.sparkwheel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core knows nothing of Maven: only the maven package may import org.apache.maven. */
class ArchitectureTest {

    @Test
    void corePackages_importNothingFromMaven() throws IOException {
        Path main = Paths.get("src/main/java/io/github/sparkwheel");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !main.relativize(p).startsWith("maven"))
                    .filter(ArchitectureTest::importsMaven)
                    .map(Path::toString)
                    .collect(Collectors.toList());
        }
        assertThat(offenders).isEmpty();
        try (Stream<Path> files = Files.walk(main.resolve("maven"))) {
            assertThat(files.filter(ArchitectureTest::importsMaven).count()).as("the check sees Maven imports").isPositive();
        }
    }

    private static boolean importsMaven(Path file) {
        try {
            return file.toString().endsWith(".java")
                    && Files.readAllLines(file).stream().anyMatch(l -> l.startsWith("import org.apache.maven."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
