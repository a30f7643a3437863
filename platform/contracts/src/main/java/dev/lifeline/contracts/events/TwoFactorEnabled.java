package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** A second factor was turned on ({@code sms}, {@code totp}). Topic {@code account.security-events}. */
public record TwoFactorEnabled(UUID accountId, String method) implements EventPayload {
}
