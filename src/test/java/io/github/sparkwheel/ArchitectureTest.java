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

    /**
     * The rooms of the house, lowest first: a package may use the ones below it, never one above. The
     * root package ({@code UserError}, {@code Resources}, {@code Digests}) is below them all.
     */
    private static final List<String> LAYERS = List.of("process", "python", "runtime", "runner", "wheelhouse", "spark",
            "hadoop", "yarn", "staging", "submit", "testing", "maven");

    @Test
    void packagesOnlyUseThoseBelowThem() throws IOException {
        Path main = Paths.get("src/main/java/io/github/sparkwheel");
        java.util.regex.Pattern use = java.util.regex.Pattern.compile("\\bio\\.github\\.sparkwheel\\.([a-z]+)\\.[A-Z]");
        List<String> offenders = new java.util.ArrayList<>();
        java.util.Set<String> packages = new java.util.TreeSet<>();
        int uses = 0;
        try (Stream<Path> files = Files.walk(main)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                if (source.getParent().equals(main)) {
                    continue; // the root package
                }
                String own = source.getParent().getFileName().toString();
                packages.add(own);
                java.util.regex.Matcher m = use.matcher(Files.readString(source));
                while (m.find()) {
                    uses++;
                    String used = m.group(1);
                    if (!used.equals(own) && LAYERS.indexOf(used) > LAYERS.indexOf(own)) {
                        offenders.add(main.relativize(source) + " uses " + used);
                    }
                }
            }
        }
        assertThat(LAYERS).as("every package has its place").containsAll(packages);
        assertThat(uses).as("the check sees the packages' uses of each other").isGreaterThan(50);
        assertThat(offenders).isEmpty();
    }

    /** The helpers that run in a JVM over Spark's classpath, the only classes that may link against Hadoop. */
    private static final List<String> HADOOP_HELPERS = List.of("YarnKill", "YarnLogs", "LayerStager", "SharedDirectory",
            "SubmitLauncher", "ClusterCheck");

    @Test
    void onlyTheHadoopHelpersImportHadoop_andNoOtherClassLinksAgainstThem() throws IOException {
        Path main = Paths.get("src/main/java/io/github/sparkwheel");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(main)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        java.util.regex.Pattern linking = java.util.regex.Pattern.compile(
                "\\b(" + String.join("|", HADOOP_HELPERS) + ")(\\s*[.(:]|\\.class)");
        List<String> offenders = new java.util.ArrayList<>();
        int helpers = 0;
        for (Path source : sources) {
            String name = source.getFileName().toString().replace(".java", "");
            String text = Files.readString(source);
            boolean hadoop = text.contains("import org.apache.hadoop.");
            if (HADOOP_HELPERS.contains(name)) {
                helpers += hadoop ? 1 : 0;
            } else if (hadoop || linking.matcher(text.replaceAll("(?s)/\\*.*?\\*/", "")).find()) {
                offenders.add(source.toString()); // the plugin's JVM would have to load Hadoop
            }
        }
        assertThat(offenders).isEmpty();
        assertThat(helpers).as("the check sees the helpers' Hadoop imports").isEqualTo(HADOOP_HELPERS.size());
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
