package dev.lifeline.auth.client;

import dev.lifeline.hashing.HashingStage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;

/**
 * The circuit breaker in front of each service auth-service calls while a person waits: over the
 * last 30 s, at least 5 calls and half of them failing opens it; it tries again after {@code openFor}.
 * A service that answers it is busy for a moment (its hashing stage is full) is not failing.
 */
final class ServiceBreakers {

    private ServiceBreakers() {
    }

    static CircuitBreaker forService(String service, float failureRatePercent, Duration openFor) {
        return CircuitBreaker.of(service, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(30)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(failureRatePercent)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .ignoreExceptions(HashingStage.Saturated.class)
                .build());
    }
}
