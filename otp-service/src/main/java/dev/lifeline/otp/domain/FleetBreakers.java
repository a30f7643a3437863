package dev.lifeline.otp.domain;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers' breakers as the whole fleet of otp-service instances sees them. Each instance has
 * breakers of its own; the channel is judged on one combined view, in which a provider counts as
 * refusing when any live instance's breaker refuses it (the texts routed to that instance cannot
 * go through it), and its success rate is the lowest any live instance measured. Reports older
 * than the staleness limit are from instances that stopped and count for nothing.
 */
public final class FleetBreakers {

    private FleetBreakers() {
    }

    /** One instance's breaker of one provider, as it reported it. */
    public record Reported(String instance, String provider, CircuitBreaker.State state, Double successRate, Instant at) {
    }

    /** A provider as the fleet sees it. */
    public record Combined(CircuitBreaker.State state, Double successRate) {
    }

    /**
     * @param providers the configured providers, in order of preference; each one is in the answer
     * @param liveSince reports before this are ignored
     */
    public static Map<String, Combined> combine(List<String> providers, Collection<Reported> reports, Instant liveSince) {
        Map<String, Combined> combined = new LinkedHashMap<>();
        providers.forEach(provider -> combined.put(provider, new Combined(CircuitBreaker.State.CLOSED, null)));
        for (Reported report : reports) {
            Combined sofar = combined.get(report.provider());
            if (sofar == null || report.at().isBefore(liveSince)) {
                continue;
            }
            CircuitBreaker.State state = severity(report.state()) > severity(sofar.state()) ? report.state() : sofar.state();
            Double rate = lowest(sofar.successRate(), report.successRate());
            combined.put(report.provider(), new Combined(state, rate));
        }
        return combined;
    }

    private static Double lowest(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Double.valueOf(Math.min(a, b));
    }

    /** How much a state keeps texts away from a provider: open refuses, half-open lets a trial through. */
    private static int severity(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> 2;
            case HALF_OPEN -> 1;
            default -> 0;
        };
    }
}
