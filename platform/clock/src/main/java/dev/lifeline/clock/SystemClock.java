package dev.lifeline.clock;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The time as services read it: inject {@link Clock} and ask {@code clock.instant()} instead of
 * {@code Instant.now()}. The system's UTC clock unless a test or a tool provides another bean.
 */
@Singleton
public class SystemClock {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
