package io.github.sparkwheel.python;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Translates pip's own words into what failed and what to do. */
public final class PipErrors {

    private static final Pattern NOT_FOUND = Pattern.compile("No matching distribution found for ([^\\s]+)");
    private static final Pattern BUILD_FAILED = Pattern.compile("Failed building wheel for ([^\\s]+)");
    private static final Pattern BUILD_FAILED_LEGACY = Pattern.compile("Could not build wheels for ([^\\s,]+)");

    private static final Pattern HTTP_ERROR = Pattern.compile("Could not fetch URL (\\S+?): (\\d{3}) ([A-Za-z ]+?) (?:Error|for)");
    private static final Pattern PROXY_UNREACHABLE = Pattern.compile("ProxyError\\('Cannot connect to proxy");
    /** Why a connection failed, the most telling first. */
    private static final java.util.List<String> UNREACHABLE = java.util.List.of("Connection refused",
            "Name or service not known", "Temporary failure in name resolution", "No route to host",
            "Network is unreachable", "timed out", "Failed to establish a new connection");
    private static final Pattern INDEXES = Pattern.compile("Looking in indexes: (.+)");

    private PipErrors() {}

    public static UserError explain(ProcessResult result, PipOptions options) {
        return explain(result, options, java.util.List.of());
    }

    /**
     * @param pipLog pip's own debug log of the run ({@code --log}), which says what the console does not:
     *     an index page that answered 401, 403 or 407 is only "skipped" there
     */
    public static UserError explain(ProcessResult result, PipOptions options, java.util.List<String> pipLog) {
        String output = String.join("\n", result.tail());
        String tail = "pip exited with code " + result.exitCode() + "; its last lines:\n" + output;
        String everything = String.join("\n", pipLog) + "\n" + output;
        UserError network = network(everything, tail);
        if (network != null) {
            return network;
        }
        String missing = firstMatch(output, NOT_FOUND);
        if (missing != null) {
            if (options.target != null) {
                return new UserError(missing + " has no wheel for " + options.target.describe() + " (the wheelhouse's "
                        + "target: pip fetches the dependencies as binary wheels for it): pin a version of it that has "
                        + "such a wheel, or add a wheel built on a machine like the cluster's nodes to <findLinks> "
                        + "(-Dpyspark.findLinks)\n" + tail);
            }
            if (options.offline) {
                return new UserError(missing + " is not in the wheelhouse sources and Maven is offline: add it to "
                        + "<findLinks> (-Dpyspark.findLinks) or build online\n" + tail);
            }
            if (options.noIndex) {
                return new UserError(missing + " was not found in <findLinks> and <noIndex> is set: add it to a "
                        + "<findLinks> directory or unset <noIndex> (-Dpyspark.noIndex)\n" + tail);
            }
            return new UserError("pip found no distribution for " + missing + ": check its name and version, or "
                    + "perhaps you should set <indexUrl> (-Dpyspark.indexUrl), <extraIndexUrls> or <findLinks>\n" + tail);
        }
        String failed = firstMatch(output, BUILD_FAILED, BUILD_FAILED_LEGACY);
        if (failed != null) {
            return new UserError("Building a wheel for " + failed + " failed (a C extension that does not compile? a "
                    + "missing build dependency?): see pip's output above\n" + tail);
        }
        return new UserError("pip wheel failed: see its output above\n" + tail);
    }

    /** An index or proxy that could not be reached or refused pip: said before "no distribution found". */
    private static UserError network(String text, String tail) {
        Matcher http = HTTP_ERROR.matcher(text);
        if (http.find()) {
            String url = http.group(1);
            switch (http.group(2)) {
                case "401":
                    return new UserError("The package index refused pip's credentials (HTTP 401 for " + url + "): "
                            + "perhaps you should set <indexServerId> (-Dpyspark.indexServerId) or <extraIndexServerIds> "
                            + "to the settings.xml <server> that holds its username and password, or check that "
                            + "<server>'s password\n" + tail);
                case "403":
                    return new UserError("The package index denied pip access (HTTP 403 for " + url + "): check the "
                            + "permissions of the user of <indexServerId> on that repository\n" + tail);
                case "407":
                    return new UserError("The proxy refused pip (HTTP 407, proxy authentication required, for " + url
                            + "): check the <username> and <password> of the active <proxy> in settings.xml, or "
                            + "HTTP_PROXY/HTTPS_PROXY if you set them\n" + tail);
                default:
                    // a 404 is how an index says it has no such project: not an error of the index
            }
        }
        if (PROXY_UNREACHABLE.matcher(text).find()) {
            return new UserError("pip could not reach its proxy: check the <host> and <port> of the active <proxy> in "
                    + "settings.xml, or HTTP_PROXY/HTTPS_PROXY if you set them, and <nonProxyHosts>\n" + tail);
        }
        String reason = UNREACHABLE.stream().filter(text::contains).findFirst().orElse(null);
        if (reason != null && (text.contains("connection broken by") || text.contains("connection error:")
                || text.contains("Max retries exceeded"))) {
            Matcher indexes = INDEXES.matcher(text);
            String where = indexes.find() ? "The package index " + indexes.group(1).trim() : "A package index";
            return new UserError(where + " could not be reached (" + reason.toLowerCase(java.util.Locale.ROOT)
                    + "): check <indexUrl> (-Dpyspark.indexUrl) and <extraIndexUrls>, your network and proxy (settings.xml "
                    + "<proxy>), or build with -o and <findLinks>\n" + tail);
        }
        return null;
    }

    private static String firstMatch(String text, Pattern... patterns) {
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
