package dev.lifeline.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Forgets this application's meters when it stops. Quarkus roots every meter in Micrometer's global
 * registry, which outlives the application, and clears it only in dev mode: an application started
 * again in the same JVM (each test profile does this) would otherwise get back the old gauges, still
 * reading the objects of the application that stopped (NaN once those are collected).
 */
@ApplicationScoped
public class MetersAtShutdown {

    private final MeterRegistry meters;

    public MetersAtShutdown(MeterRegistry meters) {
        this.meters = meters;
    }

    void forget(@Observes ShutdownEvent event) {
        meters.getMeters().forEach(meters::remove);
    }
}
