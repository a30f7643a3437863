package dev.lifeline.otp.client;

import dev.lifeline.otp.config.OtpConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The configured providers, in order of preference. A send goes to the first whose breaker lets it
 * through, so traffic returns to the preferred provider by itself once its breaker closes again.
 * Breaker states are on /q/metrics as {@code resilience4j_circuitbreaker_state{name="sms-…"}}.
 */
@ApplicationScoped
public class SmsProviders {

    private final List<SmsProvider> inOrder;

    public SmsProviders(OtpConfig config, MeterRegistry meters) {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        this.inOrder = config.providerOrder().stream()
                .map(name -> {
                    OtpConfig.Provider provider = config.providers().get(name);
                    if (provider == null) {
                        throw new IllegalStateException("lifeline.otp.provider-order names " + name + ", which is not configured");
                    }
                    return new SmsProvider(name, provider, config.breaker(), breakers);
                })
                .toList();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    public List<SmsProvider> inOrder() {
        return inOrder;
    }
}
