package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sessions that ended, by id: access tokens naming one of them ({@code sid}) must be refused until
 * {@code tokensValidUntil}, when the last token issued for them expires anyway. Topic
 * {@code auth.sessions-ended}; aggregate: the account.
 */
public record SessionsEnded(UUID accountId, List<UUID> sessionIds, Instant tokensValidUntil) implements EventPayload {
}
