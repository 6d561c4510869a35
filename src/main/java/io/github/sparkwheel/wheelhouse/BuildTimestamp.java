package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.UserError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads {@code project.build.outputTimestamp} the way Maven's archivers do. */
public final class BuildTimestamp {

    private BuildTimestamp() {}

    /**
     * @return the instant, or {@link ReproducibleZip#DEFAULT_TIMESTAMP} when the value is unset or a
     *     single character (Maven's convention for "not reproducible")
     */
    public static Instant parse(String value) throws UserError {
        if (value == null || value.trim().length() <= 1) {
            return ReproducibleZip.DEFAULT_TIMESTAMP;
        }
        String v = value.trim();
        Instant instant;
        try {
            instant = v.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(v))
                    : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new UserError("project.build.outputTimestamp '" + value + "' is neither ISO-8601 "
                    + "(2026-01-01T00:00:00Z) nor seconds since the epoch, perhaps you should fix "
                    + "<project.build.outputTimestamp> in your pom's properties");
        }
        if (instant.isBefore(ReproducibleZip.DEFAULT_TIMESTAMP)) {
            return ReproducibleZip.DEFAULT_TIMESTAMP; // zip cannot store times before 1980
        }
        return instant;
    }
}
