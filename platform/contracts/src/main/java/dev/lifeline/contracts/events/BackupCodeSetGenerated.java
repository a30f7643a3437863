package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** A new set of backup codes replaced any older one. Topic {@code backup-codes.events}; aggregate: the account. */
public record BackupCodeSetGenerated(UUID accountId, int total) implements EventPayload {
}
