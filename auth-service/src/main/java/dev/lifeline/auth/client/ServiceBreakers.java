package dev.lifeline.auth.client;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.hashing.HashingStage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.ConnectException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The circuit breaker in front of each service auth-service calls while a person waits, all made here from
 * one configuration ({@code lifeline.auth.service-breakers.*}: over the last 30 s, at least 5 calls and half
 * of them failing opens it; it tries again after 10 s) and all in one registry on /q/metrics.
 * A service that answers it is busy for a moment (its hashing stage is full) is not failing.
 * Inside the breaker, a call whose connection an instance refused (stopped, restarting) is made
 * again, and Stork's load balancer, which has just seen that instance fail, picks another: nothing
 * was sent, so this is safe for any call. Only when every try is refused does the breaker count a failure.
 */
@ApplicationScoped
public class ServiceBreakers {

    /** Every breaker auth-service has, on /q/metrics as resilience4j_circuitbreaker_* with its service's name. */
    private final CircuitBreakerRegistry registry;

    @Inject
    public ServiceBreakers(MeterRegistry meters, AuthConfig config) {
        this(meters, config.serviceBreakers());
    }

    ServiceBreakers(MeterRegistry meters, AuthConfig.ServiceBreakers settings) {
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) settings.window().toSeconds())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .ignoreExceptions(HashingStage.Saturated.class)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    private static final Retry ELSEWHERE_IF_REFUSED = Retry.of("elsewhere-if-refused", RetryConfig.custom()
            .maxAttempts(3)
            .waitDuration(Duration.ofMillis(20))
            .retryOnException(ServiceBreakers::refused)
            .build());

    static <T> T call(CircuitBreaker breaker, Supplier<T> call) {
        return breaker.executeSupplier(elsewhereIfRefused(call));
    }

    /** {@code call}, made again on another instance while instances refuse the connection. */
    static <T> Supplier<T> elsewhereIfRefused(Supplier<T> call) {
        return Retry.decorateSupplier(ELSEWHERE_IF_REFUSED, call);
    }

    private static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The breaker in front of {@code service}, made on first use with the configuration above. */
    CircuitBreaker forService(String service) {
        return registry.circuitBreaker(service);
    }
}
