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

    @Test
    void everyMojoParameter_hasJavadocWithSince() throws IOException {
        Path mojos = Paths.get("src/main/java/io/github/sparkwheel/maven");
        List<String> undocumented = new java.util.ArrayList<>();
        int parameters = 0;
        try (Stream<Path> files = Files.list(mojos)) {
            for (Path file : files.collect(Collectors.toList())) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).trim().startsWith("@Parameter")) {
                        parameters++;
                        String before = String.join("\n", lines.subList(Math.max(0, i - 12), i));
                        int javadoc = before.lastIndexOf("/**");
                        boolean documented = javadoc >= 0 && before.lastIndexOf("*/") > javadoc
                                && before.substring(javadoc).contains("@since")
                                && !before.substring(before.lastIndexOf("*/")).contains(";");
                        if (!documented) {
                            undocumented.add(file.getFileName() + ":" + (i + 1) + " " + lines.get(i + 1).trim());
                        }
                    }
                }
            }
        }
        assertThat(parameters).as("parameters seen").isGreaterThan(40);
        assertThat(undocumented).isEmpty();
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
