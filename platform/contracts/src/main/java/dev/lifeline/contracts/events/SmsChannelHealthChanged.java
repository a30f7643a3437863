package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.time.Instant;

/**
 * The SMS channel changed state. Topic {@code sms.channel-health} (compacted, key {@code sms}): the
 * latest event is the current state.
 */
public record SmsChannelHealthChanged(SmsChannelState state, String reason, Instant since) implements EventPayload {
}
