package io.github.sparkwheel.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * One package of a lock, as chosen for a target: its exact version and the files the lock allows for it, each by
 * its sha256 (a hashed requirements.txt names no files, only hashes).
 */
public final class LockedPackage {

    /** A file the lock names: its file name ({@code null} when the lock gives only a hash) and sha256. */
    public static final class File {
        public final String name;
        public final String sha256;

        public File(String name, String sha256) {
            this.name = name;
            this.sha256 = sha256;
        }

        public boolean isWheel() {
            return name != null && name.endsWith(".whl");
        }

        /** {@code py3-none-any} of {@code dep-0.2.1-py3-none-any.whl}; {@code null} for an sdist or unknown file. */
        public String wheelTags() {
            if (!isWheel()) {
                return null;
            }
            String[] parts = name.substring(0, name.length() - 4).split("-");
            return parts.length < 5 ? null : parts[parts.length - 3] + "-" + parts[parts.length - 2] + "-"
                    + parts[parts.length - 1];
        }
    }

    private final String name;
    private final String version;
    private final List<File> files;

    LockedPackage(String name, String version, List<File> files) {
        this.name = name;
        this.version = version;
        this.files = List.copyOf(files);
    }

    /** The canonical name. */
    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public List<File> files() {
        return files;
    }

    /** Whether the lock names its files (not only their hashes). */
    public boolean namesFiles() {
        return files.stream().allMatch(f -> f.name != null);
    }

    /** {@code dep==0.2.1 --hash=sha256:… --hash=sha256:…}: a line of pip's hash-checking mode. */
    public String requirementLine() {
        List<String> parts = new ArrayList<>();
        parts.add(name + "==" + version);
        files.stream().map(f -> f.sha256).distinct().forEach(h -> parts.add("--hash=sha256:" + h));
        return String.join(" ", parts);
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
