package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** Few backup codes are left; the owner should regenerate. Topic {@code backup-codes.events}. */
public record BackupCodesRunningLow(UUID accountId, int remaining) implements EventPayload {
}
