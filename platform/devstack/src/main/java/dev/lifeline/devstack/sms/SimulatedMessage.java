package dev.lifeline.devstack.sms;

import java.time.Instant;

/** One message as a simulated provider accepted it. */
public record SimulatedMessage(String sid, String provider, String to, String from, String body, Instant acceptedAt) {
}
