package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/**
 * A challenge needs an SMS code. Topic {@code auth.otp-requested}; aggregate: the challenge.
 * {@code purpose} is absent in events from before it existed; such texts do not judge the channel.
 */
public record OtpRequested(UUID challengeId, UUID accountId, String phone, boolean resend, OtpPurpose purpose)
        implements EventPayload {
}
