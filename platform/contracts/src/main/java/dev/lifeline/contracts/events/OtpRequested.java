package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/** A login challenge needs an SMS code. Topic {@code auth.otp-requested}; aggregate: the challenge. */
public record OtpRequested(UUID challengeId, UUID accountId, String phone, boolean resend) implements EventPayload {
}
