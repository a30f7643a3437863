package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** A sign-in attempt on a known account failed. Topic {@code account.security-events}. */
public record LoginFailed(UUID accountId, String reason) implements EventPayload {
}
