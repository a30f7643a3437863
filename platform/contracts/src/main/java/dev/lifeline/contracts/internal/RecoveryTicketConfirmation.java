package dev.lifeline.contracts.internal;

import dev.lifeline.contracts.events.RecoveryTicketStatus;

import java.util.UUID;

/**
 * {@code GET /internal/recovery-tickets/{id}} on ticket-service, called by auth-service with a
 * service token before it carries out an approval read on {@code recovery.tickets}: the event says
 * a ticket was approved, the ticket's owner confirms it. A forged event names a ticket that does
 * not exist or is not approved, and changes nothing.
 */
public final class RecoveryTicketConfirmation {

    public static final String PATH = "/internal/recovery-tickets";

    private RecoveryTicketConfirmation() {
    }

    /** {@code accountId} is null when the ticket's username names no account. */
    public record Ticket(UUID ticketId, UUID accountId, RecoveryTicketStatus status) {
    }
}
