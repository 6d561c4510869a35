package io.github.sparkwheel.python;

import io.github.sparkwheel.process.SecretMasker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where pip looks for distributions and how it is run. By default pip behaves as it would for the
 * user: their pip.conf and {@code PIP_*} variables apply (that is how companies point pip at a
 * mirror). {@link #isolated} turns both off, for hermetic builds.
 */
public final class PipOptions {

    public String indexUrl;
    public final List<String> extraIndexUrls = new ArrayList<>();
    public final List<String> findLinks = new ArrayList<>();
    public final List<String> trustedHosts = new ArrayList<>();
    public boolean noIndex;
    /** Maven runs offline ({@code mvn -o}): pip gets {@code --no-index}, only find-links are used. */
    public boolean offline;
    public final List<Path> constraints = new ArrayList<>();
    public final List<String> extraArgs = new ArrayList<>();
    public final Map<String, String> environment = new LinkedHashMap<>();
    public boolean isolated;
    /**
     * {@code --use-pep517}: every project is built in an isolated build environment, setup.py ones too, with
     * setuptools and wheel from the index or find-links, never from the interpreter's own site-packages (a
     * shipped runtime's are its vendor's, without wheel).
     */
    public boolean usePep517;
    /** The machine the wheelhouse is for when it is not this one; {@code null}: this one. */
    public Target target;
    /**
     * pip's cache ({@code PIP_CACHE_DIR}); {@code null}: pip's own, as its configuration says. Not part of
     * {@link #describe()}: where pip caches downloads does not change what it builds.
     */
    public Path cacheDirectory;
    /** pip's temporary files ({@code TMPDIR}); {@code null}: the system's. Not part of {@link #describe()}. */
    public Path tempDirectory;
    /**
     * Credentials for index URLs (keyed by the URL as configured), from settings.xml servers. They go into
     * the URLs pip reads from its environment. Not part of {@link #describe()} (a new password rebuilds nothing).
     */
    public final Map<String, Credentials> credentials = new LinkedHashMap<>();
    /** settings.xml's active proxies, for pip's proxy variables. Not part of {@link #describe()}. */
    public final List<ProxySettings> proxies = new ArrayList<>();

    /** A copy of these options, to change without touching these. */
    public PipOptions copy() {
        PipOptions copy = new PipOptions();
        copy.indexUrl = indexUrl;
        copy.extraIndexUrls.addAll(extraIndexUrls);
        copy.findLinks.addAll(findLinks);
        copy.trustedHosts.addAll(trustedHosts);
        copy.noIndex = noIndex;
        copy.offline = offline;
        copy.constraints.addAll(constraints);
        copy.extraArgs.addAll(extraArgs);
        copy.environment.putAll(environment);
        copy.isolated = isolated;
        copy.usePep517 = usePep517;
        copy.target = target;
        copy.cacheDirectory = cacheDirectory;
        copy.tempDirectory = tempDirectory;
        copy.credentials.putAll(credentials);
        copy.proxies.addAll(proxies);
        return copy;
    }

    public boolean effectiveNoIndex() {
        return noIndex || offline;
    }

    /** Every option that shapes what pip builds, as text for the up-to-date check (passwords masked). */
    public String describe() {
        return SecretMasker.none().mask("index=" + indexUrl + " extra=" + extraIndexUrls + " links=" + findLinks
                + " trusted=" + trustedHosts
                + " noIndex=" + effectiveNoIndex() + " constraints=" + constraints + " args=" + extraArgs + " env="
                + new java.util.TreeMap<>(environment) + " isolated=" + isolated + " pep517=" + usePep517 + " target="
                + (target == null ? "-" : target.python() + " " + target.platforms()));
    }
}
