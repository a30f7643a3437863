package dev.lifeline.otp.client;

import dev.lifeline.otp.config.OtpConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.WebApplicationException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * One named SMS provider reached through its Twilio-compatible API, behind its own circuit breaker
 * (time-based window; errors and slow calls both count) and a bounded retry for errors worth
 * repeating. The REST client's read timeout is the time limit: no caller waits longer.
 */
public final class SmsProvider {

    private final String name;
    private final OtpConfig.Provider config;
    private final TwilioMessagesApi api;
    private final String authorization;
    private final CircuitBreaker breaker;
    private final Retry retry;

    SmsProvider(String name, OtpConfig.Provider config, OtpConfig.Breaker breakerConfig, CircuitBreakerRegistry breakers) {
        this.name = name;
        this.config = config;
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.baseUrl())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(TwilioMessagesApi.class);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.accountSid() + ":" + config.authToken()).getBytes(StandardCharsets.UTF_8));
        this.breaker = breakers.circuitBreaker("sms-" + name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(breakerConfig.windowSeconds())
                .minimumNumberOfCalls(breakerConfig.minimumCalls())
                .failureRateThreshold(breakerConfig.failureRatePercent())
                .slowCallDurationThreshold(breakerConfig.slowCall())
                .slowCallRateThreshold(breakerConfig.slowCallRatePercent())
                .waitDurationInOpenState(breakerConfig.openFor())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(SmsProvider::isProviderFault)
                .build());
        this.retry = Retry.of("sms-" + name, RetryConfig.custom()
                .maxAttempts(breakerConfig.attempts())
                .waitDuration(breakerConfig.retryWait())
                .retryOnException(SmsProvider::isProviderFault)
                .build());
    }

    public String name() {
        return name;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** Share of recent calls that succeeded, or null while there are too few to say. */
    public Double successRate() {
        float failureRate = breaker.getMetrics().getFailureRate();
        return failureRate < 0 ? null : (100.0 - failureRate) / 100.0;
    }

    /**
     * Hands the message to the provider; returns the provider's message id. Throws when it is
     * refused, and {@code CallNotPermittedException} at once while the breaker is open.
     */
    public String send(String to, String body, String statusCallback) {
        return breaker.executeSupplier(Retry.decorateSupplier(retry,
                () -> api.create(config.accountSid(), authorization, to, config.from(), body, statusCallback).sid()));
    }

    /**
     * Outages, overload, timeouts and broken connections are the provider's fault; a message it
     * refuses as such (a 4xx other than 429) is the message's, and must not open the breaker.
     */
    private static boolean isProviderFault(Throwable e) {
        if (e instanceof WebApplicationException http) {
            int status = http.getResponse().getStatus();
            return status >= 500 || status == 429;
        }
        return true;
    }
}
