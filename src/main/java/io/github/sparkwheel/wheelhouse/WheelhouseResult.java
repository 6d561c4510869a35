package io.github.sparkwheel.wheelhouse;

import java.nio.file.Path;

/** The zip a build produced, and whether it was already up to date. */
public final class WheelhouseResult {

    private final Path archive;
    private final boolean upToDate;

    public WheelhouseResult(Path archive, boolean upToDate) {
        this.archive = archive;
        this.upToDate = upToDate;
    }

    public Path archive() {
        return archive;
    }

    /** {@code true} when pip was not started because nothing changed. */
    public boolean upToDate() {
        return upToDate;
    }
}
