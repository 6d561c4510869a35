package io.github.sparkwheel.python;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.SecretMasker;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What pip is told through its environment and files rather than its command line, where every user of
 * the machine could read it ({@code ps}): the index URLs; the credentials of their settings.xml
 * {@code <server>} in a netrc file readable only by the user ({@code NETRC}, in pip's temporary
 * directory, removed after the run; pip reads it for every request, also in the build-isolation
 * subprocesses it starts, whose command lines carry the index URL); and the proxy of settings.xml.
 * {@link #secrets()} lists every form in which a password appears, for the masker.
 */
public final class PipEnvironment {

    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<String> secrets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Credentials> netrc = new LinkedHashMap<>();
    private final java.nio.file.Path netrcFile;

    private PipEnvironment(java.nio.file.Path tempDirectory) {
        this.netrcFile = tempDirectory == null ? null : tempDirectory.resolve("netrc");
    }

    /**
     * @param inherited the environment pip would inherit: proxy variables the user set win over settings.xml
     */
    public static PipEnvironment of(PipOptions options, Map<String, String> inherited) throws UserError {
        PipEnvironment env = new PipEnvironment(options.tempDirectory);
        env.indexes(options);
        env.proxies(options.proxies, inherited, options.environment);
        if (!env.netrc.isEmpty()) {
            env.variables.put("NETRC", env.netrcFile.toString());
        }
        return env;
    }

    /** The netrc file pip is pointed at ({@code NETRC}), or {@code null} when no credentials need one. */
    public java.nio.file.Path netrcFile() {
        return netrc.isEmpty() ? null : netrcFile;
    }

    /** Its content: {@code machine <host> login <user> password <password>} per index host. */
    public String netrcContent() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Credentials> e : netrc.entrySet()) {
            out.append("machine ").append(e.getKey()).append(" login ").append(e.getValue().username())
                    .append(" password ").append(e.getValue().password()).append('\n');
        }
        return out.toString();
    }

    public Map<String, String> variables() {
        return variables;
    }

    public List<String> secrets() {
        return secrets;
    }

    /** What the build log says about the indexes and proxies pip is given (masked by the caller's masker). */
    public List<String> notes() {
        return notes;
    }

    private void indexes(PipOptions options) throws UserError {
        if (options.effectiveNoIndex()) {
            return;
        }
        if (options.indexUrl != null && !options.indexUrl.isBlank()) {
            String url = withCredentials(options.indexUrl.trim(), options.credentials.get(options.indexUrl.trim()),
                    "<indexUrl>");
            variables.put("PIP_INDEX_URL", url);
            notes.add("pip's index: " + url + from(options.credentials.get(options.indexUrl.trim())));
        }
        List<String> extras = new ArrayList<>();
        for (String extra : options.extraIndexUrls) {
            Credentials credentials = options.credentials.get(extra.trim());
            String url = withCredentials(extra.trim(), credentials, "<extraIndexUrls>");
            extras.add(url);
            notes.add("pip's extra index: " + url + from(credentials));
        }
        if (!extras.isEmpty()) {
            variables.put("PIP_EXTRA_INDEX_URL", String.join(" ", extras));
        }
    }

    private static String from(Credentials credentials) {
        return credentials == null ? "" : " (credentials of " + credentials.source() + ")";
    }

    /** netrc's tokens end at white space, and Python 3.10+ reads quotes and backslashes in them. */
    private static boolean fitsNetrc(String token) {
        return !token.isEmpty() && token.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\'
                || c == '\'' || c == '#');
    }

    /**
     * The URL pip is given for {@code url}: as it is when its credentials go into the netrc (the usual case),
     * else with them as its user part, percent-encoded (pip decodes them). Every form of the secret is noted.
     */
    String withCredentials(String url, Credentials credentials, String element) throws UserError {
        if (credentials == null) {
            addUrlPassword(url);
            return url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UserError(element + " " + SecretMasker.none().mask(url) + " is not a URL: " + e.getReason());
        }
        if (uri.getRawUserInfo() != null) {
            throw new UserError(element + " " + SecretMasker.none().mask(url) + " has credentials in it and "
                    + credentials.source() + " gives others: drop them from the URL");
        }
        if (uri.getHost() == null) {
            throw new UserError(element + " " + url + " has no host to give the credentials of " + credentials.source()
                    + " to");
        }
        if (credentials.password() != null) {
            secrets.add(credentials.password());
            secrets.add(encode(credentials.password()));
        } else {
            secrets.add(credentials.username()); // a token-only server: the token is the user part
            secrets.add(encode(credentials.username()));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Credentials other = netrc.get(host);
        if (netrcFile != null && credentials.username() != null && credentials.password() != null
                && fitsNetrc(credentials.username()) && fitsNetrc(credentials.password())
                && (other == null || (other.username().equals(credentials.username())
                        && other.password().equals(credentials.password())))) {
            netrc.put(host, credentials);
            return url;
        }
        // a token without a user, a password netrc cannot hold, or two logins for one host: in the URL
        String why = netrcFile == null ? "no temporary directory for a netrc file"
                : credentials.username() == null || credentials.password() == null ? "a token alone"
                : other != null ? "another login for " + host + " is in pip's netrc already"
                : "a user name or password with spaces, quotes, backslashes or #";
        notes.add("the credentials of " + credentials.source() + " go into the index URL in pip's environment (" + why
                + "); pip's build-isolation subprocesses get that URL on their command lines");
        String user = credentials.username() == null ? null : encode(credentials.username());
        String password = credentials.password() == null ? null : encode(credentials.password());
        String userInfo = user == null ? password : password == null ? user : user + ":" + password;
        int at = url.indexOf("://") + 3;
        return url.substring(0, at) + userInfo + "@" + url.substring(at);
    }

    private void addUrlPassword(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@', scheme + 3);
        int slash = url.indexOf('/', scheme + 3);
        if (scheme > 0 && at > 0 && (slash < 0 || at < slash)) {
            String userInfo = url.substring(scheme + 3, at);
            int colon = userInfo.indexOf(':');
            secrets.add(colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
        }
    }

    private void proxies(List<ProxySettings> proxies, Map<String, String> inherited, Map<String, String> configured) {
        if (proxies.isEmpty()) {
            return;
        }
        List<String> noProxy = new ArrayList<>();
        boolean any = false;
        for (String scheme : List.of("http", "https")) {
            String name = scheme.toUpperCase(Locale.ROOT) + "_PROXY";
            if (set(name, inherited, configured)) {
                notes.add("pip's " + scheme + " proxy: " + name + " as you set it (settings.xml's proxy not used)");
                continue;
            }
            ProxySettings proxy = choose(proxies, scheme);
            String url = proxyUrl(proxy);
            variables.put(name, url);
            variables.put(name.toLowerCase(Locale.ROOT), url);
            notes.add("pip's " + scheme + " proxy: " + url + " (settings.xml <proxy> " + proxy.id + ")");
            any = true;
            for (String host : nonProxyHosts(proxy)) {
                if (!noProxy.contains(host)) {
                    noProxy.add(host);
                }
            }
        }
        if (any && !noProxy.isEmpty() && !set("NO_PROXY", inherited, configured)) {
            String value = String.join(",", noProxy);
            variables.put("NO_PROXY", value);
            variables.put("no_proxy", value);
            notes.add("pip's proxy is not used for " + value + " (<nonProxyHosts>)");
        }
    }

    private static boolean set(String name, Map<String, String> inherited, Map<String, String> configured) {
        for (String variant : List.of(name, name.toLowerCase(Locale.ROOT))) {
            String value = configured.containsKey(variant) ? configured.get(variant) : inherited.get(variant);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** As Maven does: the active proxy for the URL's protocol, else the first active one. */
    private static ProxySettings choose(List<ProxySettings> proxies, String scheme) {
        for (ProxySettings proxy : proxies) {
            if (proxy.protocol.equals(scheme)) {
                return proxy;
            }
        }
        return proxies.get(0);
    }

    private String proxyUrl(ProxySettings proxy) {
        StringBuilder url = new StringBuilder("http://");
        if (proxy.username != null) {
            url.append(encode(proxy.username));
            if (proxy.password != null) {
                url.append(':').append(encode(proxy.password));
                secrets.add(proxy.password);
                secrets.add(encode(proxy.password));
            }
            url.append('@');
        }
        url.append(proxy.host.contains(":") ? "[" + proxy.host + "]" : proxy.host);
        if (proxy.port > 0) {
            url.append(':').append(proxy.port);
        }
        return url.toString();
    }

    /**
     * Maven's {@code *.corp|localhost} as the suffixes {@code NO_PROXY} understands ({@code .corp,localhost});
     * a wildcard elsewhere than at the start ({@code 10.*}) cannot be said to pip and is noted.
     */
    private List<String> nonProxyHosts(ProxySettings proxy) {
        List<String> hosts = new ArrayList<>();
        if (proxy.nonProxyHosts == null) {
            return hosts;
        }
        for (String entry : proxy.nonProxyHosts.split("[|,]")) {
            String host = entry.trim();
            if (host.isEmpty()) {
                continue;
            }
            if (host.startsWith("*.")) {
                host = host.substring(1);
            } else if (host.equals("*")) {
                hosts.add("*");
                continue;
            }
            if (host.contains("*")) {
                notes.add("settings.xml <proxy> " + proxy.id + ": the non-proxy host '" + entry.trim() + "' has a wildcard "
                        + "pip's NO_PROXY cannot express; pip will use the proxy for it (write it as a domain suffix, "
                        + "*.corp.example, or set NO_PROXY yourself)");
                continue;
            }
            hosts.add(host);
        }
        return hosts;
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, as a URL's user part needs. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
