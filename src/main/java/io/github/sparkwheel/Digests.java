package io.github.sparkwheel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helpers, the SHA-1 a Maven repository keeps beside each file, and a file's cheap stamp. */
public final class Digests {

    private Digests() {}

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public static String sha256(Path file) throws IOException {
        return digest(newSha256(), file);
    }

    /** The file's SHA-1, as Maven deploys it beside every file ({@code .sha1}). */
    public static String sha1(Path file) throws IOException {
        try {
            return digest(MessageDigest.getInstance("SHA-1"), file);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    private static String digest(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest.digest());
    }

    /**
     * A file's size and modification time (ms), {@code "1234 1700000000000"}: what a file written by a build is known
     * by where reading it all would cost too much. A file written again, even with the same bytes, has another.
     */
    public static String stamp(Path file) throws IOException {
        return Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
    }

    public static String sha256(byte[] content) {
        return hex(newSha256().digest(content));
    }

    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
