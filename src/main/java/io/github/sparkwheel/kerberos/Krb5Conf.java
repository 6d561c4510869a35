package io.github.sparkwheel.kerberos;

import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The krb5.conf a login uses, found as the JDK and MIT's tools find it, and what the plugin reads of it: the default
 * realm and each realm's KDCs. The JDK reads {@code java.security.krb5.conf}, else {@code
 * <java.home>/conf/security/krb5.conf}, else {@code /etc/krb5.conf}; MIT's tools read {@code KRB5_CONFIG}. The plugin
 * takes {@code <krb5Conf>}, else {@code KRB5_CONFIG}, else the JDK's, and hands the one it took to every JVM it starts.
 */
public final class Krb5Conf {

    /** Where the JDK looks when nothing names a krb5.conf, in its order. */
    static final List<Path> SYSTEM_FILES = List.of(Paths.get(System.getProperty("java.home"), "conf", "security",
            "krb5.conf"), Paths.get("/etc/krb5.conf"));

    private final Path file;
    private final String source;
    private final String defaultRealm;
    private final Map<String, List<String>> kdcs;

    private Krb5Conf(Path file, String source, String defaultRealm, Map<String, List<String>> kdcs) {
        this.file = file;
        this.source = source;
        this.defaultRealm = defaultRealm;
        this.kdcs = kdcs;
    }

    /**
     * The krb5.conf to use.
     *
     * @param configured {@code <krb5Conf>}, or {@code null}
     * @param jvmProperty this JVM's {@code java.security.krb5.conf}, or {@code null}
     * @param systemFiles where the JDK looks by default
     */
    static Krb5Conf find(Path configured, Map<String, String> env, String jvmProperty, List<Path> systemFiles)
            throws UserError {
        if (configured != null) {
            return read(configured, "<krb5Conf>", "perhaps you should fix <krb5Conf> or -Dpyspark.krb5Conf");
        }
        String variable = env.get("KRB5_CONFIG");
        if (variable != null && !variable.isBlank()) {
            for (String entry : variable.split(":")) { // MIT reads a list; the JDK takes one file: the first there is
                if (!entry.isBlank() && Files.isRegularFile(Paths.get(entry))) {
                    return read(Paths.get(entry), "KRB5_CONFIG", "");
                }
            }
            throw new UserError("KRB5_CONFIG names " + variable + ", but no such krb5.conf exists: perhaps you should "
                    + "fix KRB5_CONFIG, or set <krb5Conf> (-Dpyspark.krb5Conf) to your cluster's krb5.conf");
        }
        if (jvmProperty != null && !jvmProperty.isBlank()) {
            return read(Paths.get(jvmProperty), "java.security.krb5.conf", "perhaps you should fix the "
                    + "-Djava.security.krb5.conf of MAVEN_OPTS, or set <krb5Conf> (-Dpyspark.krb5Conf)");
        }
        for (Path file : systemFiles) {
            if (Files.isRegularFile(file)) {
                return read(file, "the system's", "");
            }
        }
        return null;
    }

    private static Krb5Conf read(Path file, String source, String fix) throws UserError {
        if (!Files.isRegularFile(file)) {
            throw new UserError("The krb5.conf " + file + " (" + source + ") does not exist" + (fix.isEmpty() ? ""
                    : ": " + fix));
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("The krb5.conf " + file + " (" + source + ") cannot be read (" + e.getMessage() + "): "
                    + "check its permissions" + (fix.isEmpty() ? "" : ", or " + fix), e);
        }
        String section = "";
        String realm = null;
        String defaultRealm = null;
        Map<String, List<String>> kdcs = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.replaceAll("\\s*[#;].*$", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).trim();
                realm = null;
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).trim();
            String value = eq < 0 ? "" : line.substring(eq + 1).trim();
            if (section.equals("libdefaults") && key.equals("default_realm")) {
                defaultRealm = value;
            } else if (section.equals("realms")) {
                if (value.startsWith("{")) {
                    realm = key;
                    kdcs.putIfAbsent(realm, new ArrayList<>());
                } else if (line.startsWith("}")) {
                    realm = null;
                } else if (realm != null && key.equals("kdc")) {
                    kdcs.get(realm).add(value);
                }
            }
        }
        return new Krb5Conf(file.toAbsolutePath(), source, defaultRealm, kdcs);
    }

    public Path file() {
        return file;
    }

    /** How it was found, for messages: {@code <krb5Conf>}, {@code KRB5_CONFIG}, {@code the system's}. */
    public String source() {
        return source;
    }

    /** {@code default_realm}, or {@code null}. */
    public String defaultRealm() {
        return defaultRealm;
    }

    /** The {@code kdc} entries of a realm ({@code host[:port]}), empty when DNS is to find them. */
    public List<String> kdcs(String realm) {
        return kdcs.getOrDefault(realm, List.of());
    }

    @Override
    public String toString() {
        return file + " (" + source + ")";
    }
}
