package dev.lifeline.auth.client;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.hashing.HashingStage;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The breakers in front of the services auth-service calls, as configured, without Quarkus. */
@Tag("unit")
class ServiceBreakersTest {

    private static final AuthConfig.ServiceBreakers SETTINGS = new AuthConfig.ServiceBreakers() {
        public Duration window() {
            return Duration.ofSeconds(30);
        }

        public int minimumCalls() {
            return 5;
        }

        public float failureRatePercent() {
            return 50;
        }

        public Duration openFor() {
            return Duration.ofSeconds(10);
        }
    };

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ServiceBreakers breakers = new ServiceBreakers(meters, SETTINGS);

    @Test
    void fiveFailuresOpenTheBreakerAndThenNoCallIsMade() {
        CircuitBreaker breaker = breakers.forService("otp-service");
        failFiveTimes(breaker);
        assertEquals(CircuitBreaker.State.OPEN, breaker.getState());
        assertThrows(CallNotPermittedException.class, () -> ServiceBreakers.call(breaker, () -> "never asked"));
        assertEquals(1.0, meters.get("resilience4j.circuitbreaker.state").tag("name", "otp-service").tag("state", "open").gauge().value(),
                "on the metrics as open");
    }

    @Test
    void aServiceThatIsOnlyBusyIsNotFailing() {
        CircuitBreaker breaker = breakers.forService("backup-code-service");
        for (int i = 0; i < 10; i++) {
            assertThrows(HashingStage.Saturated.class, () -> ServiceBreakers.call(breaker, () -> {
                throw new HashingStage.Saturated();
            }));
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
    }

    @Test
    void oneServiceFailingLeavesTheOtherAlone() {
        CircuitBreaker otp = breakers.forService("otp-service");
        failFiveTimes(otp);
        assertEquals("fine", ServiceBreakers.call(breakers.forService("backup-code-service"), () -> "fine"));
        assertEquals(otp, breakers.forService("otp-service"), "one breaker per service");
    }

    private static void failFiveTimes(CircuitBreaker breaker) {
        for (int i = 0; i < 5; i++) {
            assertThrows(IllegalStateException.class, () -> ServiceBreakers.call(breaker, () -> {
                throw new IllegalStateException("500 from the service");
            }));
        }
    }
}
