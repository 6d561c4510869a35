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
     * root package ({@code UserError}, {@code Resources}, {@code Digests}) is below them all. The helpers, which run on
     * Spark's classpath, stand apart ({@link #theHelpersUseOnlyTheJdkHadoopAndTheProtocol_andNothingElseLinksToThem}).
     */
    private static final List<String> LAYERS = List.of("protocol", "process", "python", "runtime", "runner", "lock",
            "wheelhouse", "spark", "kerberos", "hadoop", "yarn", "staging", "livy", "submit", "testing", "maven");
    private static final String HELPERS = "helpers";

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
                if (own.equals(HELPERS)) {
                    continue; // a rule of their own
                }
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

    /**
     * The helpers run in JVMs over Spark's classpath, beside whatever Spark brings: they may use the JDK, the Hadoop
     * client, the protocol and the root's {@code Digests}, nothing else of the plugin's (its libraries are not there).
     * No other class imports Hadoop or links against a helper: the plugin's JVM has no Hadoop, and starts a helper by
     * the class name {@link io.github.sparkwheel.protocol.Protocol.Program} holds.
     */
    @Test
    void theHelpersUseOnlyTheJdkHadoopAndTheProtocol_andNothingElseLinksToThem() throws IOException {
        Path main = Paths.get("src/main/java/io/github/sparkwheel");
        java.util.regex.Pattern imports = java.util.regex.Pattern.compile("^import (static )?([\\w.]+);", java.util.regex.Pattern.MULTILINE);
        java.util.regex.Pattern qualified = java.util.regex.Pattern.compile("\\bio\\.github\\.sparkwheel\\.([a-z]+)\\.[A-Z]");
        List<String> offenders = new java.util.ArrayList<>();
        int helpers = 0;
        int hadoopImports = 0;
        try (Stream<Path> files = Files.walk(main)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                String text = Files.readString(source);
                String code = text.replaceAll("(?s)/\\*.*?\\*/", "");
                boolean helper = source.getParent().getFileName().toString().equals(HELPERS);
                helpers += helper ? 1 : 0;
                java.util.regex.Matcher m = imports.matcher(text);
                while (m.find()) {
                    String imported = m.group(2);
                    boolean hadoop = imported.startsWith("org.apache.hadoop.");
                    hadoopImports += helper && hadoop ? 1 : 0;
                    boolean allowed = imported.startsWith("java.") || imported.startsWith("javax.") || hadoop
                            || imported.startsWith("io.github.sparkwheel.protocol.")
                            || imported.equals("io.github.sparkwheel.Digests")
                            || imported.startsWith("io.github.sparkwheel.helpers.");
                    if (helper ? !allowed : hadoop || imported.startsWith("io.github.sparkwheel.helpers.")) {
                        offenders.add(main.relativize(source) + " imports " + imported);
                    }
                }
                boolean protocol = source.getFileName().toString().equals("Protocol.java"); // names them by their class
                java.util.regex.Matcher q = qualified.matcher(protocol ? "" : code);
                while (q.find()) {
                    boolean ok = helper ? q.group(1).equals("protocol") || q.group(1).equals(HELPERS)
                            : !q.group(1).equals(HELPERS);
                    if (!ok) {
                        offenders.add(main.relativize(source) + " names " + q.group());
                    }
                }
                if (!helper && !protocol && code.contains("\"io.github.sparkwheel.helpers.")) {
                    offenders.add(main.relativize(source) + " names a helper's class: only Protocol does");
                }
            }
        }
        assertThat(helpers).as("the check sees the helpers").isGreaterThanOrEqualTo(7);
        assertThat(hadoopImports).as("the check sees the helpers' Hadoop imports").isGreaterThan(20);
        assertThat(offenders).isEmpty();
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
