package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** A second factor was turned off, by the owner or by a completed recovery. Topic {@code account.security-events}. */
public record TwoFactorDisabled(UUID accountId, String method, String reason) implements EventPayload {
}
