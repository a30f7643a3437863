package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** A new account. Topic {@code account.security-events}; aggregate: the account. */
public record AccountRegistered(UUID accountId, String username, String email) implements EventPayload {
}
