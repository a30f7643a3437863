package dev.lifeline.otp.domain;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class FleetBreakersTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant LIVE_SINCE = NOW.minusSeconds(10);

    @Test
    void aProviderRefusedByAnyLiveInstanceIsRefusedWithTheLowestSuccessRateSeen() {
        Map<String, FleetBreakers.Combined> combined = FleetBreakers.combine(List.of("alpha", "bravo"), List.of(
                new FleetBreakers.Reported("one", "alpha", State.CLOSED, 0.9, NOW),
                new FleetBreakers.Reported("two", "alpha", State.OPEN, 0.2, NOW),
                new FleetBreakers.Reported("one", "bravo", State.HALF_OPEN, null, NOW),
                new FleetBreakers.Reported("two", "bravo", State.CLOSED, 0.8, NOW)), LIVE_SINCE);

        assertEquals(new FleetBreakers.Combined(State.OPEN, 0.2), combined.get("alpha"));
        assertEquals(new FleetBreakers.Combined(State.HALF_OPEN, 0.8), combined.get("bravo"));
    }

    @Test
    void aStoppedInstanceAndAProviderNoLongerConfiguredCountForNothing() {
        Map<String, FleetBreakers.Combined> combined = FleetBreakers.combine(List.of("alpha"), List.of(
                new FleetBreakers.Reported("stopped", "alpha", State.OPEN, 0.0, LIVE_SINCE.minusMillis(1)),
                new FleetBreakers.Reported("one", "charlie", State.OPEN, 0.0, NOW)), LIVE_SINCE);

        assertEquals(Map.of("alpha", new FleetBreakers.Combined(State.CLOSED, null)), combined);
    }
}
