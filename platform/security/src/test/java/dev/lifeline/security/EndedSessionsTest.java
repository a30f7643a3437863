package dev.lifeline.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class EndedSessionsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final EndedSessions ended = new EndedSessions(clock);

    @Test
    void anEndedSessionIsRefusedUntilItsLastTokenWouldHaveExpired() {
        UUID session = UUID.randomUUID();
        ended.end(List.of(session), NOW.plus(Duration.ofMinutes(16)));

        assertTrue(ended.isEnded(session));
        clock.now = NOW.plus(Duration.ofMinutes(15));
        assertTrue(ended.isEnded(session));
        clock.now = NOW.plus(Duration.ofMinutes(17));
        assertFalse(ended.isEnded(session), "its tokens have expired anyway; the entry lapses");
    }

    @Test
    void otherSessionsAreUntouched() {
        ended.end(List.of(UUID.randomUUID()), NOW.plus(Duration.ofMinutes(16)));
        assertFalse(ended.isEnded(UUID.randomUUID()));
    }

    @Test
    void aLaterEndKeepsTheLongerTime() {
        UUID session = UUID.randomUUID();
        ended.end(List.of(session), NOW.plus(Duration.ofMinutes(16)));
        ended.end(List.of(session), NOW.plus(Duration.ofMinutes(5)));
        clock.now = NOW.plus(Duration.ofMinutes(10));
        assertTrue(ended.isEnded(session));
    }

    @Test
    void anEventAboutTokensLongExpiredChangesNothing() {
        UUID session = UUID.randomUUID();
        ended.end(List.of(session), NOW.minus(Duration.ofMinutes(1)));
        assertFalse(ended.isEnded(session));
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
