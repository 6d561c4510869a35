package io.github.sparkwheel.hadoop;

import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Finds the Hadoop configuration directory and reads what the submission needs from it. */
public final class HadoopConf {

    private HadoopConf() {}

    /** {@code <hadoopConfDir>}, else {@code HADOOP_CONF_DIR}, else {@code YARN_CONF_DIR}. */
    public static Path find(Path configured, Map<String, String> env, boolean required) throws UserError {
        Path dir = configured;
        String source = "<hadoopConfDir>";
        for (String variable : new String[] {"HADOOP_CONF_DIR", "YARN_CONF_DIR"}) {
            if (dir == null && env.get(variable) != null && !env.get(variable).isBlank()) {
                dir = Paths.get(env.get(variable));
                source = variable;
            }
        }
        if (dir == null) {
            if (required) {
                throw new UserError("No Hadoop configuration for master 'yarn': perhaps you should set <hadoopConfDir> "
                        + "or -Dpyspark.hadoopConfDir (or HADOOP_CONF_DIR) to the directory holding yarn-site.xml");
            }
            return null;
        }
        if (!Files.isDirectory(dir)) {
            throw new UserError("The Hadoop configuration directory " + dir + " (from " + source + ") does not exist, "
                    + "perhaps you should fix <hadoopConfDir> or -Dpyspark.hadoopConfDir");
        }
        return dir;
    }

    /**
     * Where the submit goal stages its layers unless {@code <stagingDirectory>} says otherwise: the
     * user's home on the cluster's default file system ({@code fs.defaultFS} of core-site.xml, HDFS's
     * {@code /user/<user>}), under {@code .pyspark-maven-plugin}; the local home when the default file
     * system is the local one.
     */
    public static String defaultStagingDirectory(Path dir, String user, String localHome) throws IOException {
        String defaultFs = dir == null ? null : property(dir, "core-site.xml", "fs.defaultFS").orElse(null);
        if (defaultFs == null || defaultFs.startsWith("file:")) {
            return Paths.get(localHome, ".pyspark-maven-plugin").toUri().toString();
        }
        return defaultFs.replaceAll("/+$", "") + "/user/" + user + "/.pyspark-maven-plugin";
    }

    /**
     * The name the cluster knows the user by, the one place it is decided on this side: Hadoop's {@code
     * HADOOP_USER_NAME} (simple authentication), else the login's ({@code user.name}). Its home directory,
     * {@code /user/<name>}, holds the default staging directory.
     */
    public static String clusterUser(Map<String, String> env) {
        String name = env.get("HADOOP_USER_NAME");
        return name != null && !name.isBlank() ? name.trim() : System.getProperty("user.name");
    }

    /**
     * {@code directory} as a URI Spark resolves to the same place the Hadoop client does: a path
     * without a scheme ({@code /releases/pyspark}) is on the default file system ({@code fs.defaultFS}),
     * a relative one under the user's home there.
     */
    public static String qualify(String directory, Path dir, String user) throws IOException {
        if (directory.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return directory;
        }
        String defaultFs = dir == null ? null : property(dir, "core-site.xml", "fs.defaultFS").orElse(null);
        if (defaultFs == null || defaultFs.startsWith("file:")) {
            return Paths.get(directory).toAbsolutePath().toUri().toString();
        }
        return defaultFs.replaceAll("/+$", "") + (directory.startsWith("/") ? "" : "/user/" + user + "/") + directory;
    }

    /** The cluster's {@code fs.defaultFS} as {@code scheme://authority}, or {@code null} when none is set. */
    public static String defaultFileSystem(Path dir) throws IOException {
        String defaultFs = dir == null ? null : property(dir, "core-site.xml", "fs.defaultFS").orElse(null);
        if (defaultFs == null) {
            return null;
        }
        return fileSystemOf(defaultFs);
    }

    /** {@code scheme://authority} of a file system URI ({@code hdfs://nn:8020/user/ana} → {@code hdfs://nn:8020}). */
    private static String fileSystemOf(String uri) {
        java.net.URI parsed = java.net.URI.create(uri.trim());
        return parsed.getScheme() + "://" + (parsed.getAuthority() == null ? "" : parsed.getAuthority());
    }

    /**
     * A Hadoop configuration for one file system and nothing else ({@code fs.defaultFS} of {@code directory}, a URI
     * with a scheme such as {@code webhdfs://nn:9870/staging}): what a build machine that reaches the cluster only
     * through a gateway needs to stage there. Written into {@code dir}, which it returns.
     */
    public static Path writeForFileSystem(Path dir, String directory) throws IOException {
        String fileSystem = fileSystemOf(directory);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n"
                + "  <property><name>fs.defaultFS</name><value>" + fileSystem.replace("&", "&amp;").replace("<", "&lt;")
                + "</value></property>\n</configuration>\n", java.nio.charset.StandardCharsets.UTF_8);
        return dir;
    }

    /** The cluster's {@code hadoop.security.authentication} (core-site.xml), or {@code null} (Hadoop's default, simple). */
    public static String authentication(Path dir) throws IOException {
        return dir == null ? null : property(dir, "core-site.xml", "hadoop.security.authentication").orElse(null);
    }

    /** A property of {@code <dir>/<file>} (e.g. yarn-site.xml). */
    static Optional<String> property(Path dir, String file, String name) throws IOException {
        Path xml = dir.resolve(file);
        if (!Files.isRegularFile(xml)) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(xml.toFile());
            NodeList properties = doc.getElementsByTagName("property");
            String value = null;
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                NodeList names = property.getElementsByTagName("name");
                NodeList values = property.getElementsByTagName("value");
                if (names.getLength() > 0 && name.equals(names.item(0).getTextContent().trim()) && values.getLength() > 0) {
                    value = values.item(0).getTextContent().trim(); // the last definition wins, as in Hadoop
                }
            }
            return Optional.ofNullable(value);
        } catch (Exception e) {
            throw new IOException("Cannot read " + xml + ": " + e.getMessage(), e);
        }
    }
}
