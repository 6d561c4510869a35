package io.github.sparkwheel.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before anything reaches a log line: the password part of URLs
 * ({@code https://user:secret@host}) and every literal value it was told about.
 */
public final class SecretMasker {

    public static final String MASK = "*****";

    private static final Pattern URL_PASSWORD = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:)([^@\\s/]+)(@)");

    private final List<String> secrets;

    public SecretMasker(Collection<String> secrets) {
        List<String> sorted = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3) {
                sorted.add(secret);
            }
        }
        // longest first, so a secret that contains another is masked whole
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|secret|token|credential|key).*");

    /** Whether a variable or conf name says its value is secret (PIP_INDEX_PASSWORD, fs.s3a.secret.key, …). */
    public static boolean namesSecret(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        Matcher m = URL_PASSWORD.matcher(masked);
        return m.replaceAll(mr -> Matcher.quoteReplacement(mr.group(1) + MASK + mr.group(3)));
    }

    /** Masks each argument and joins them the way a user would type them in a shell. */
    public String maskCommandLine(List<String> command) {
        StringBuilder line = new StringBuilder();
        for (String arg : command) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(quote(mask(arg)));
        }
        return line.toString();
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./#*-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\"'\"'") + "'";
    }
}
