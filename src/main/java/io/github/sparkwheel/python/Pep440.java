package io.github.sparkwheel.python;

import java.util.Locale;
import java.util.regex.Matcher;

/**
 * The version rule between a Python library module's Maven version and its wheel's version: the
 * wheel's version is the Maven version as PEP 440 writes it, {@code -SNAPSHOT} becoming {@code .dev0}
 * ({@code 1.2.0-SNAPSHOT} ↔ {@code 1.2.0.dev0}, {@code 1.2.0} ↔ {@code 1.2.0}, {@code 2.0.0-rc1} ↔
 * {@code 2.0.0rc1}). Both sides are compared in PEP 440's normal form, so spellings pip treats as one
 * version ({@code 2.0.0-RC1}, {@code 2.0.0.rc1}) match.
 */
public final class Pep440 {

    private Pep440() {}

    /** The PEP 440 version a Maven version stands for: {@code -SNAPSHOT} is {@code .dev0}. */
    public static String fromMaven(String mavenVersion) {
        String version = mavenVersion.trim();
        if (version.endsWith("-SNAPSHOT")) {
            version = version.substring(0, version.length() - "-SNAPSHOT".length()) + ".dev0";
        }
        String normal = normalize(version);
        return normal != null ? normal : version;
    }

    /** PEP 440's normal form of {@code version}, or {@code null} when it is not a PEP 440 version. */
    public static String normalize(String version) {
        Matcher m = Version.VERSION.matcher(version.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        StringBuilder normal = new StringBuilder();
        if (m.group("epoch") != null && Long.parseLong(m.group("epoch")) != 0) {
            normal.append(Long.parseLong(m.group("epoch"))).append('!');
        }
        String[] release = m.group("release").split("\\.");
        for (int i = 0; i < release.length; i++) {
            normal.append(i == 0 ? "" : ".").append(Long.parseLong(release[i]));
        }
        if (m.group("pre") != null) {
            String pre = m.group("pre");
            pre = pre.equals("alpha") ? "a" : pre.equals("beta") ? "b" : pre.matches("c|pre|preview") ? "rc" : pre;
            normal.append(pre).append(number(m.group("preN")));
        }
        if (m.group("postImplicit") != null) {
            normal.append(".post").append(number(m.group("postImplicit")));
        } else if (m.group("postN") != null) {
            normal.append(".post").append(number(m.group("postN")));
        }
        if (m.group("devN") != null) {
            normal.append(".dev").append(number(m.group("devN")));
        }
        if (m.group("local") != null) {
            normal.append('+').append(m.group("local").replaceAll("[-_]", "."));
        }
        return normal.toString();
    }

    /** Whether a wheel's version is what the rule makes of the Maven version. */
    public static boolean matches(String mavenVersion, String wheelVersion) {
        String wheel = normalize(wheelVersion);
        return wheel != null && wheel.equals(fromMaven(mavenVersion));
    }

    private static long number(String digits) {
        return digits == null || digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
