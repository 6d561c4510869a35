package io.github.sparkwheel.python;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version, ordered as pip orders them ({@code 1.0.dev0 < 1.0a1 < 1.0 < 1.0.post1 < 1.0+local}), and the
 * specifiers a requirement puts on it ({@code >=1.2,<2}, {@code ~=1.4.2}, {@code ==1.*}).
 */
public final class Version implements Comparable<Version> {

    /** PEP 440's version, in any spelling pip accepts (lower-cased): epoch, release, pre, post, dev, local. */
    static final Pattern VERSION = Pattern.compile(
            "^v?(?:(?<epoch>\\d+)!)?(?<release>\\d+(?:\\.\\d+)*)"
                    + "(?:[-_.]?(?<pre>a|alpha|b|beta|c|rc|pre|preview)[-_.]?(?<preN>\\d*))?"
                    + "(?:(?:-(?<postImplicit>\\d+))|(?:[-_.]?(?:post|rev|r)[-_.]?(?<postN>\\d*)))?"
                    + "(?:[-_.]?dev[-_.]?(?<devN>\\d*))?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$");
    private static final Pattern SPECIFIER = Pattern.compile("^\\s*(===|~=|==|!=|<=|>=|<|>)\\s*(\\S+)\\s*$");

    private final String text;
    private final long epoch;
    private final long[] release;
    /** -1 none; 0 a, 1 b, 2 rc */
    private final int preKind;
    private final long pre;
    private final long post; // -1: none
    private final long dev; // -1: none
    private final String local;

    private Version(String text, long epoch, long[] release, int preKind, long pre, long post, long dev, String local) {
        this.text = text;
        this.epoch = epoch;
        this.release = release;
        this.preKind = preKind;
        this.pre = pre;
        this.post = post;
        this.dev = dev;
        this.local = local;
    }

    /** The version, or {@code null} when the text is not a PEP 440 version. */
    public static Version parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = VERSION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        String[] parts = m.group("release").split("\\.");
        long[] release = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            release[i] = Long.parseLong(parts[i]);
        }
        int preKind = -1;
        if (m.group("pre") != null) {
            String p = m.group("pre");
            preKind = p.startsWith("a") ? 0 : p.startsWith("b") ? 1 : 2;
        }
        long post = m.group("postImplicit") != null ? number(m.group("postImplicit"))
                : m.group("postN") != null ? number(m.group("postN")) : -1;
        return new Version(text.trim(), m.group("epoch") == null ? 0 : Long.parseLong(m.group("epoch")), release,
                preKind, number(m.group("preN")), post, m.group("devN") != null ? number(m.group("devN")) : -1,
                m.group("local"));
    }

    private static long number(String digits) {
        return digits == null || digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    public boolean isPreRelease() {
        return preKind >= 0 || dev >= 0;
    }

    @Override
    public int compareTo(Version o) {
        int c = Long.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(release, o.release);
        if (c != 0) {
            return c;
        }
        c = Long.compare(preKey(), o.preKey());
        if (c == 0 && preKind >= 0) {
            c = Long.compare(pre, o.pre);
        }
        if (c != 0) {
            return c;
        }
        c = Long.compare(post, o.post);
        if (c != 0) {
            return c;
        }
        c = Long.compare(dev < 0 ? Long.MAX_VALUE : dev, o.dev < 0 ? Long.MAX_VALUE : o.dev);
        if (c != 0) {
            return c;
        }
        return compareLocal(local, o.local);
    }

    /** A release without a pre-release sorts after its pre-releases; a bare dev release before them. */
    private long preKey() {
        if (preKind >= 0) {
            return preKind;
        }
        return post < 0 && dev >= 0 ? -1 : 3;
    }

    private static int compareRelease(long[] a, long[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int c = Long.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareLocal(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        String[] x = a.split("[-_.]");
        String[] y = b.split("[-_.]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = x[i].matches("\\d+");
            boolean yn = y[i].matches("\\d+");
            int c = xn && yn ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
                    : xn != yn ? (xn ? 1 : -1) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private Version withoutLocal() {
        return new Version(text, epoch, release, preKind, pre, post, dev, null);
    }

    private Version baseRelease() {
        return new Version(text, epoch, release, -1, 0, -1, -1, null);
    }

    /**
     * Whether this version satisfies every comma-separated specifier of {@code specifiers} (empty: any version).
     * Pre-releases are allowed: a lock that pins one was made by a resolver that was allowed it.
     *
     * @throws IllegalArgumentException when a specifier is not PEP 440
     */
    public boolean satisfies(String specifiers) {
        if (specifiers == null || specifiers.isBlank()) {
            return true;
        }
        for (String one : specifiers.split(",")) {
            if (!one.isBlank() && !satisfiesOne(one)) {
                return false;
            }
        }
        return true;
    }

    private boolean satisfiesOne(String specifier) {
        Matcher m = SPECIFIER.matcher(specifier);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + specifier.trim() + "' is not a PEP 440 version specifier");
        }
        String op = m.group(1);
        String value = m.group(2);
        if (op.equals("===")) {
            return text.equalsIgnoreCase(value);
        }
        if ((op.equals("==") || op.equals("!=")) && value.endsWith(".*")) {
            Version prefix = parseOrFail(value.substring(0, value.length() - 2), specifier);
            boolean matches = epoch == prefix.epoch && prefixMatches(prefix.release);
            return op.equals("==") == matches;
        }
        Version v = parseOrFail(value, specifier);
        Version self = v.local == null ? withoutLocal() : this;
        switch (op) {
            case "==":
                return self.compareTo(v) == 0;
            case "!=":
                return self.compareTo(v) != 0;
            case "<=":
                return withoutLocal().compareTo(v) <= 0;
            case ">=":
                return withoutLocal().compareTo(v) >= 0;
            case "<": // not a pre-release of the very version, unless the specifier is one
                return withoutLocal().compareTo(v) < 0 && (v.isPreRelease() || !isPreRelease()
                        || baseRelease().compareTo(v.baseRelease()) != 0);
            case ">": // not a post-release or local version of the very version, unless the specifier is one
                return withoutLocal().compareTo(v) > 0 && (v.post >= 0 || post < 0
                        || baseRelease().compareTo(v.baseRelease()) != 0) && (local == null
                        || withoutLocal().compareTo(v) != 0);
            default: // ~=
                if (v.release.length < 2) {
                    throw new IllegalArgumentException("'" + specifier.trim() + "' needs two release numbers or more");
                }
                long[] prefix = java.util.Arrays.copyOf(v.release, v.release.length - 1);
                return withoutLocal().compareTo(v) >= 0 && epoch == v.epoch && prefixMatches(prefix);
        }
    }

    private boolean prefixMatches(long[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((i < release.length ? release[i] : 0) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Version parseOrFail(String value, String specifier) {
        Version v = parse(value);
        if (v == null) {
            throw new IllegalArgumentException("'" + specifier.trim() + "' is not a PEP 440 version specifier");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version && compareTo((Version) o) == 0;
    }

    @Override
    public int hashCode() {
        int n = release.length;
        while (n > 1 && release[n - 1] == 0) {
            n--; // 1.0 and 1.0.0 are one version
        }
        return java.util.Objects.hash(epoch, java.util.Arrays.hashCode(java.util.Arrays.copyOf(release, n)), preKind,
                pre, post, dev, local);
    }

    @Override
    public String toString() {
        return text;
    }
}
