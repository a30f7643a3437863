package dev.lifeline.auth;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock auth-service reads in its tests: the system's, until a test moves it on to make time
 * pass without waiting. Being a bean of type {@link Clock}, it replaces the default one.
 */
@Singleton
public class MovableClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    /** Time passes by {@code duration} at once, for everything in auth-service that reads the clock. */
    public void advance(Duration duration) {
        ahead = ahead.plus(duration);
    }

    /** Back to the system's time. */
    public void reset() {
        ahead = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
