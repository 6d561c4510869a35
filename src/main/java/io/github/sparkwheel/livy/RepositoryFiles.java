package io.github.sparkwheel.livy;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Where a deployed artifact is in a Maven repository that serves HTTP(S), as Spark on a Livy host is to fetch it: the
 * repository's layout, and for a SNAPSHOT the timestamped file its {@code maven-metadata.xml} names (what
 * {@code mvn deploy} uploaded last). Spark fetches without credentials, so neither does this class.
 */
public final class RepositoryFiles {

    private final String repository;
    private final String groupId;
    private final String artifactId;
    private final String version;
    private final HttpClient http;
    private String snapshotMetadata;

    /**
     * @param repository the repository's base URL ({@code https://nexus.example.com/repository/releases})
     */
    public RepositoryFiles(String repository, String groupId, String artifactId, String version, Duration connectTimeout) {
        this.repository = repository.replaceAll("/+$", "");
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.version = version;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The deployed file's URL: {@code <repository>/<group path>/<artifactId>/<version>/<artifactId>-<file version>-<classifier>.<extension>}. */
    public String url(String classifier, String extension) throws UserError, IOException, InterruptedException {
        String fileVersion = version;
        if (version.endsWith("-SNAPSHOT")) {
            fileVersion = snapshotVersion(classifier, extension);
        }
        return directory() + "/" + artifactId + "-" + fileVersion + (classifier == null || classifier.isEmpty() ? ""
                : "-" + classifier) + "." + extension;
    }

    /**
     * Checks that the deployed file is the local one (its {@code .sha1} beside it, as Maven deploys it): a wheelhouse
     * built since the last deploy would otherwise run the deployed code, silently.
     */
    public void checkSame(String url, Path local, String what) throws UserError, IOException, InterruptedException {
        HttpResponse<String> sha1 = get(url + ".sha1");
        if (sha1.statusCode() == 404) {
            HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD",
                    HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (file.statusCode() == 404) {
                throw notDeployed(url, what);
            }
            return; // no checksum to compare: the repository keeps none
        }
        if (sha1.statusCode() != 200) {
            throw new UserError("The Maven repository answered HTTP " + sha1.statusCode() + " for " + url + ".sha1: Spark "
                    + "on the Livy host fetches the " + what + " from there without credentials, so the repository must "
                    + "let it read; perhaps you should set <livyRepositoryUrl> (-Dpyspark.livyRepositoryUrl) to one that does");
        }
        String deployed = sha1.body().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        String mine = Digests.sha1(local);
        if (!deployed.equals(mine)) {
            throw new UserError("The " + what + " deployed at " + url + " is not the one built here (" + local + "): run mvn "
                    + "deploy before submitting through the repository, or deliver the files another way (<livyDelivery> "
                    + "staging or local, -Dpyspark.livyDelivery)");
        }
    }

    private UserError notDeployed(String url, String what) {
        return new UserError("The " + what + " is not in the Maven repository (" + url + " answered 404): run mvn deploy "
                + "first (mvn deploy pyspark:submit), or perhaps you should fix <livyRepositoryUrl> (-Dpyspark.livyRepositoryUrl)");
    }

    private String directory() {
        return repository + "/" + groupId.replace('.', '/') + "/" + artifactId + "/" + version;
    }

    /** The timestamped version of the last deployed SNAPSHOT file of this classifier and extension. */
    private String snapshotVersion(String classifier, String extension) throws UserError, IOException, InterruptedException {
        String metadataUrl = directory() + "/maven-metadata.xml";
        if (snapshotMetadata == null) {
            HttpResponse<String> response = get(metadataUrl);
            if (response.statusCode() == 404) {
                throw notDeployed(metadataUrl, artifactId + " " + version);
            }
            if (response.statusCode() != 200) {
                throw new UserError("The Maven repository answered HTTP " + response.statusCode() + " for " + metadataUrl
                        + ": perhaps you should set <livyRepositoryUrl> (-Dpyspark.livyRepositoryUrl) to one this machine "
                        + "and Livy's host may read");
            }
            snapshotMetadata = response.body();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(snapshotMetadata)));
            NodeList versions = doc.getElementsByTagName("snapshotVersion");
            for (int i = 0; i < versions.getLength(); i++) {
                Element v = (Element) versions.item(i);
                if (text(v, "classifier").equals(classifier == null ? "" : classifier) && text(v, "extension").equals(extension)) {
                    return text(v, "value");
                }
            }
        } catch (Exception e) {
            throw new IOException("Cannot read " + metadataUrl + ": " + e.getMessage(), e);
        }
        throw new UserError(metadataUrl + " names no " + (classifier == null ? "" : classifier + " ") + extension
                + " of " + artifactId + " " + version + ": was it deployed by this plugin's version (the runner is "
                + "attached beside the wheelhouse)? Run mvn deploy again");
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private HttpResponse<String> get(String url) throws UserError, IOException, InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            throw new UserError("The Maven repository at " + repository + " could not be reached (" + e + "): perhaps you "
                    + "should set <livyRepositoryUrl> (-Dpyspark.livyRepositoryUrl)", e);
        }
    }
}
