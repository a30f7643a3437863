package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** The password of an account changed. Topic {@code account.security-events}. */
public record PasswordChanged(UUID accountId) implements EventPayload {
}
