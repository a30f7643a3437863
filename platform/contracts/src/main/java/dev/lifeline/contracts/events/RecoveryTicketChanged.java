package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.List;
import java.util.UUID;

/**
 * A recovery ticket moved to {@code status}. Topic {@code recovery.tickets}, a public contract for
 * support tools; aggregate: the ticket, so one ticket's events arrive in order. {@code accountId} is
 * null when the ticket names no known account; {@code agents} lists who acted (two for an approval).
 */
public record RecoveryTicketChanged(UUID ticketId, UUID accountId, RecoveryTicketStatus status, List<String> agents,
                                    String reason) implements EventPayload {
}
