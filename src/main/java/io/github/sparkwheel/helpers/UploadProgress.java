package io.github.sparkwheel.helpers;

import io.github.sparkwheel.protocol.Protocol;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Says how far the upload of a large layer got, at a calm rate: a line at most every {@link #INTERVAL_NANOS} with the
 * bytes done of the total, the rate and the time left, so that a user on a slow link can tell it from a hang (the
 * Spark runtime layer is 265 MB for Spark 3.5). Layers below {@link #QUIET_BELOW} upload in silence, as do those
 * already staged.
 */
final class UploadProgress {

    /** Layers smaller than this say nothing while they upload. */
    static final long QUIET_BELOW = 8L << 20;
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final String what;
    private final long total;
    private final LongSupplier nanos;
    private final long started;
    private long done;
    private long lastLine;

    /**
     * @param what how the lines begin: {@code spark-runtime layer spark-runtime-….zip}
     * @param nanos the clock ({@link System#nanoTime})
     */
    UploadProgress(PrintStream out, String what, long total, LongSupplier nanos) {
        this.out = out;
        this.what = what;
        this.total = total;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.lastLine = started;
    }

    /** {@code bytes} more were uploaded. */
    void advance(long bytes) {
        done += bytes;
        long now = nanos.getAsLong();
        if (total >= QUIET_BELOW && done < total && now - lastLine >= INTERVAL_NANOS) {
            lastLine = now;
            double seconds = (now - started) / 1e9;
            double rate = done / Math.max(seconds, 1e-3);
            out.println(Protocol.Program.STAGER.line(what + ": uploading, " + megabytes(done) + " of " + megabytes(total)
                    + " (" + (done * 100 / total) + " %), " + megabytes((long) rate) + "/s, about "
                    + Math.round((total - done) / Math.max(rate, 1)) + " s left"));
            out.flush();
        }
    }

    /** The seconds since the upload began. */
    double seconds() {
        return (nanos.getAsLong() - started) / 1e9;
    }

    /** {@code 265535545 bytes in 11.0 s (24.1 MB/s)}: the summary of a finished upload (a small one's without the rate). */
    String summary() {
        double seconds = seconds();
        return String.format(Locale.ROOT, "%d bytes in %.1f s", done, seconds) + (total < QUIET_BELOW ? ""
                : " (" + megabytes((long) (done / Math.max(seconds, 1e-3))) + "/s)");
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
