package io.github.sparkwheel.lock;

import io.github.sparkwheel.python.Markers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a PEP 751 {@code pylock.toml} ({@code lock-version = "1.0"}) for one environment: a package per
 * distribution, its one file (a wheel, or the sdist it is built from) with where it was found and its sha256.
 * Written the same way every time (packages sorted by name, keys in the PEP's order), so that a diff shows what moved.
 */
public final class PylockWriter {

    /** A locked distribution: its file, where it was found (a URL or a path), the file's sha256. */
    public static final class Entry {
        final String name;
        final String version;
        final String fileName;
        final String url;
        final String path;
        final String sha256;

        /** @param url an http(s) URL without credentials, or {@code null}; @param path a local path, or {@code null} */
        public Entry(String name, String version, String fileName, String url, String path, String sha256) {
            this.name = name;
            this.version = version;
            this.fileName = fileName;
            this.url = url;
            this.path = path;
            this.sha256 = sha256;
        }

        public String name() {
            return name;
        }

        public String version() {
            return version;
        }
    }

    private PylockWriter() {}

    /**
     * @param environment the machines the lock is for: its {@code environments} and {@code requires-python}
     * @param generator {@code pyspark-maven-plugin 0.1.0}
     */
    public static String write(List<Entry> entries, Markers.Environment environment, String generator) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((Entry e) -> e.name).thenComparing(e -> e.version));
        StringBuilder toml = new StringBuilder();
        toml.append("# Written by mvn pyspark:lock (").append(generator).append("); the wheelhouse goal builds exactly this.\n");
        toml.append("# mvn pyspark:lock writes it again; -Dpyspark.lock.upgrade=<name> moves one package, the rest stay.\n");
        toml.append("lock-version = \"1.0\"\n");
        toml.append("environments = [").append(quote(environment.describe())).append("]\n");
        toml.append("requires-python = ").append(quote("==" + environment.get("python_version") + ".*")).append('\n');
        toml.append("created-by = \"pyspark-maven-plugin\"\n");
        for (Entry e : sorted) {
            toml.append("\n[[packages]]\n");
            toml.append("name = ").append(quote(e.name)).append('\n');
            toml.append("version = ").append(quote(e.version)).append('\n');
            boolean wheel = e.fileName.endsWith(".whl");
            toml.append(wheel ? "\n[[packages.wheels]]\n" : "\n[packages.sdist]\n");
            toml.append("name = ").append(quote(e.fileName)).append('\n');
            if (e.url != null) {
                toml.append("url = ").append(quote(e.url)).append('\n');
            } else {
                toml.append("path = ").append(quote(e.path)).append('\n');
            }
            toml.append("hashes = {sha256 = ").append(quote(e.sha256)).append("}\n");
        }
        return toml.toString();
    }

    /** A TOML basic string. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
