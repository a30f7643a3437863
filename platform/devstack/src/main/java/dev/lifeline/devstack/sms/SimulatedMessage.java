package dev.lifeline.devstack.sms;

import java.time.Instant;

/**
 * One message as a simulated provider accepted it; {@code traceParent} is the W3C trace context header the
 * request carried (null without one), as a provider's own tracing would see it.
 */
public record SimulatedMessage(String sid, String provider, String to, String from, String body, Instant acceptedAt,
                               String traceParent) {
}
