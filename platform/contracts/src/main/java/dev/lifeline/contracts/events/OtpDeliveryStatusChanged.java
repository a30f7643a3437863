package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/**
 * An SMS code was sent, delivered or given up on. Topic {@code otp.delivery-status}; aggregate: the
 * challenge. {@code latencyMillis} is measured from the request to this status, null when unknown.
 */
public record OtpDeliveryStatusChanged(UUID challengeId, DeliveryStatus status, String provider, Long latencyMillis,
                                       String failureReason) implements EventPayload {
}
