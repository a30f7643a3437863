package dev.lifeline.observability;

import dev.lifeline.problem.DomainError;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The window the /ops page's charts cover, the same for every service's history: the last {@code hours}
 * (1 to a week), cut into 96 intervals (15 minutes for a day), at least a minute each.
 */
public final class OpsHistory {

    static final int LONGEST_HOURS = 168;
    static final int INTERVALS = 96;

    private OpsHistory() {
    }

    public static Duration span(int hours) {
        if (hours < 1 || hours > LONGEST_HOURS) {
            throw new DomainError.Invalid("invalid_hours", "History covers 1 to " + LONGEST_HOURS + " hours.");
        }
        return Duration.ofHours(hours);
    }

    public static Duration interval(int hours) {
        return Duration.ofMinutes(Math.max(1, span(hours).toMinutes() / INTERVALS));
    }

    /** A {@code timestamptz} of a native query's row, as Hibernate hands it over, as an instant. */
    public static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("not a time: " + value);
    }
}
