package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.RecoveryTicketChanged;
import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.tickets.persistence.Ticket;
import dev.lifeline.tickets.persistence.TicketApproval;
import dev.lifeline.tickets.persistence.TicketAudit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Every action on a ticket leaves an audit line; every change of status is a transition of
 * {@link TicketLifecycle}, published on {@code recovery.tickets} in the same transaction.
 */
@ApplicationScoped
public class TicketHistory {

    @Inject
    Clock clock;

    private final Outbox outbox;

    public TicketHistory(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void note(Ticket ticket, String actor, String action, String detail) {
        TicketAudit audit = new TicketAudit();
        audit.ticketId = ticket.id;
        audit.at = clock.instant();
        audit.actor = actor;
        audit.action = action;
        audit.detail = detail;
        audit.persist();
        ticket.updatedAt = audit.at;
    }

    /**
     * Moves the ticket as {@code transition} says (409 when its status does not allow it) and records
     * it; a new ticket is stored by its first transition.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Ticket ticket, TicketLifecycle.Action transition, String actor, String action, String detail) {
        RecoveryTicketStatus status = TicketLifecycle.next(ticket.status, transition);
        ticket.status = status;
        if (!ticket.isPersistent()) {
            ticket.persist();
        }
        note(ticket, actor, action, detail);
        List<String> agents = TicketApproval.of(ticket.id).stream().map(a -> a.agent).toList();
        outbox.publish(ticket.id.toString(), new RecoveryTicketChanged(ticket.id, ticket.accountId, status,
                status == RecoveryTicketStatus.CLAIMED ? List.of(ticket.claimedBy) : agents, detail));
    }
}
