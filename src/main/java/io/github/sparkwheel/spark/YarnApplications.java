package io.github.sparkwheel.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Kills a YARN application through the ResourceManager's REST API
 * ({@code PUT /ws/v1/cluster/apps/{id}/state}). Kerberos-secured clusters need SPNEGO, which this
 * does not speak: there the message tells the user how to kill it.
 */
final class YarnApplications {

    private YarnApplications() {}

    /** @return what happened, for the log */
    static String kill(Path hadoopConfDir, String applicationId) {
        try {
            String webapp = HadoopConf.property(hadoopConfDir, "yarn-site.xml", "yarn.resourcemanager.webapp.address")
                    .orElse(HadoopConf.property(hadoopConfDir, "yarn-site.xml", "yarn.resourcemanager.hostname")
                            .map(host -> host + ":8088").orElse("localhost:8088"));
            URL url = new URL("http://" + webapp + "/ws/v1/cluster/apps/" + applicationId + "/state");
            HttpURLConnection http = (HttpURLConnection) url.openConnection();
            http.setRequestMethod("PUT");
            http.setDoOutput(true);
            http.setConnectTimeout(10_000);
            http.setReadTimeout(30_000);
            http.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = http.getOutputStream()) {
                out.write("{\"state\":\"KILLED\"}".getBytes(StandardCharsets.UTF_8));
            }
            int status = http.getResponseCode();
            http.disconnect();
            return status / 100 == 2 ? "killed YARN application " + applicationId
                    : "the ResourceManager answered HTTP " + status + " to killing " + applicationId
                            + "; kill it with: yarn application -kill " + applicationId;
        } catch (IOException e) {
            return "could not kill " + applicationId + " (" + e.getMessage() + "); kill it with: yarn application -kill "
                    + applicationId;
        }
    }
}
