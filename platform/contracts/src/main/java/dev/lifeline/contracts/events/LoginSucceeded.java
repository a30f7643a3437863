package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** A sign-in completed; {@code method} is the last factor used. Topic {@code account.security-events}. */
public record LoginSucceeded(UUID accountId, String method) implements EventPayload {
}
