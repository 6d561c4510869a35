package io.github.sparkwheel.runtime;

import io.github.sparkwheel.UserError;

/**
 * The Maven coordinates of an archive that holds a relocatable CPython ({@code <pythonRuntime>}):
 * {@code groupId:artifactId:version[:extension[:classifier]]}, as Maven's own tools write them, e.g.
 * {@code org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64} or
 * {@code com.example.python:cpython-standalone:3.12.7:tar.gz:x86_64-unknown-linux-gnu-install_only}.
 */
public final class RuntimeCoordinates {

    private final String groupId;
    private final String artifactId;
    private final String version;
    private final String extension;
    private final String classifier;

    private RuntimeCoordinates(String groupId, String artifactId, String version, String extension, String classifier) {
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.version = version;
        this.extension = extension;
        this.classifier = classifier;
    }

    public static RuntimeCoordinates parse(String coordinates) throws UserError {
        String text = coordinates == null ? "" : coordinates.trim();
        String[] parts = text.split(":", -1);
        boolean blank = false;
        for (String part : parts) {
            blank |= part.isBlank() || part.contains(" ");
        }
        if (parts.length < 3 || parts.length > 5 || blank) {
            throw new UserError("<pythonRuntime> '" + coordinates + "' is not Maven coordinates: write them as "
                    + "groupId:artifactId:version[:extension[:classifier]], e.g. "
                    + "org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64, perhaps you should fix <pythonRuntime> or "
                    + "-Dpyspark.pythonRuntime");
        }
        return new RuntimeCoordinates(parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : "jar",
                parts.length > 4 ? parts[4] : "");
    }

    public String groupId() {
        return groupId;
    }

    public String artifactId() {
        return artifactId;
    }

    public String version() {
        return version;
    }

    /** {@code jar}, {@code tar.gz}, … */
    public String extension() {
        return extension;
    }

    /** Empty when there is none. */
    public String classifier() {
        return classifier;
    }

    /** A file name for what is derived from this archive: {@code cpython-3.11.3-1.5.9-linux-x86_64}. */
    public String fileStem() {
        return (artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier)).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** {@code groupId:artifactId:version:extension[:classifier]}, always with the extension. */
    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuntimeCoordinates && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
