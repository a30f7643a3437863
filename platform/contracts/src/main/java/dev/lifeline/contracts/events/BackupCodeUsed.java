package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** A backup code was consumed. Topic {@code backup-codes.events}; aggregate: the account. */
public record BackupCodeUsed(UUID accountId, int remaining) implements EventPayload {
}
