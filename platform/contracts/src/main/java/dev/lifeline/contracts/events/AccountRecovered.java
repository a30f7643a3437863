package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/**
 * auth-service carried out an approved recovery ticket: two-factor is off, every session is
 * revoked and the owner must enroll again at the next sign-in. Topic {@code account.security-events}.
 */
public record AccountRecovered(UUID accountId, UUID ticketId) implements EventPayload {
}
