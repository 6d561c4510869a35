package io.github.sparkwheel.wheelhouse;

import java.nio.file.Path;

/** The zip a build produced, whether it was already up to date, and the interpreter it was checked against. */
public final class WheelhouseResult {

    private final Path archive;
    private final boolean upToDate;
    private final String interpreterIdentity;

    public WheelhouseResult(Path archive, boolean upToDate, String interpreterIdentity) {
        this.archive = archive;
        this.upToDate = upToDate;
        this.interpreterIdentity = interpreterIdentity;
    }

    public Path archive() {
        return archive;
    }

    /** {@code true} when pip was not started because nothing changed. */
    public boolean upToDate() {
        return upToDate;
    }

    /**
     * What the up-to-date check knew the interpreter by ({@link WheelhouseBuilder#identity}), for later checks of
     * the same build that must not start the interpreter again.
     */
    public String interpreterIdentity() {
        return interpreterIdentity;
    }
}
