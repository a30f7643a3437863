package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What texts cost, where ops can see it: {@code lifeline_sms_texts_total{country}} and
 * {@code lifeline_sms_spend_estimated_total{country}} (the configured price table) on /q/metrics, for
 * the spend-rate alert. Counted when a text is asked for, the moment the money is committed.
 */
@Startup
@ApplicationScoped
public class SmsSpend {

    private final MeterRegistry registry;
    private final Map<String, Double> prices;
    private final double defaultPrice;

    public SmsSpend(MeterRegistry registry, AuthConfig config) {
        this.registry = registry;
        this.prices = config.sms().prices().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
        this.defaultPrice = config.sms().defaultPrice();
        // every priced country's series from the start (at 0), so the spend rate sees its first text
        prices.keySet().forEach(country -> {
            texts(country);
            spend(country);
        });
    }

    public double priceOf(String country) {
        return prices.getOrDefault(country, defaultPrice);
    }

    void asked(String country) {
        texts(country).increment();
        spend(country).increment(priceOf(country));
    }

    private Counter texts(String country) {
        return Counter.builder("lifeline.sms.texts").description("Texts asked for, by destination country")
                .tag("country", country).register(registry);
    }

    private Counter spend(String country) {
        return Counter.builder("lifeline.sms.spend.estimated").description("Estimated spend on texts, by destination country (price table)")
                .tag("country", country).register(registry);
    }
}
