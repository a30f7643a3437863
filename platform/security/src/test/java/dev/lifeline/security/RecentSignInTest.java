package dev.lifeline.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What counts as a recent sign-in; no Quarkus, the time is a parameter. */
@Tag("unit")
class RecentSignInTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void aSignInWithinTheWindowCountsUpToItsLastSecond() {
        assertTrue(RecentSignIn.isRecent(NOW.getEpochSecond(), FIVE_MINUTES, NOW));
        assertTrue(RecentSignIn.isRecent(NOW.minus(FIVE_MINUTES).getEpochSecond(), FIVE_MINUTES, NOW));
    }

    @Test
    void anOlderSignInOrATokenWithoutOneDoesNot() {
        assertFalse(RecentSignIn.isRecent(NOW.minus(FIVE_MINUTES).minusSeconds(1).getEpochSecond(), FIVE_MINUTES, NOW));
        assertFalse(RecentSignIn.isRecent(null, FIVE_MINUTES, NOW));
    }
}
