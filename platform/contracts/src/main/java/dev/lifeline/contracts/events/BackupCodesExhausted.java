package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** The last backup code of a set was used. Topic {@code backup-codes.events}. */
public record BackupCodesExhausted(UUID accountId) implements EventPayload {
}
