package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** Some or all sessions of an account were ended. Topic {@code account.security-events}. */
public record SessionsRevoked(UUID accountId, int count, String reason) implements EventPayload {
}
