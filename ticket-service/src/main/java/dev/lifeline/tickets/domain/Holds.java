package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.tickets.persistence.Ticket;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * The end of a ticket's life: when its hold is over without a cancel, the approval goes out on
 * {@code recovery.tickets} for auth-service to carry out; when auth-service reports the account
 * recovered, the ticket is COMPLETED.
 */
@ApplicationScoped
public class Holds {

    private static final Logger LOG = Logger.getLogger(Holds.class);

    @Inject
    Clock clock;

    private final TicketHistory history;

    public Holds(TicketHistory history) {
        this.history = history;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void endHolds() {
        for (Ticket ticket : Ticket.holdsEndedBefore(clock.instant())) {
            history.apply(ticket, TicketLifecycle.Action.HOLD_ENDED, "ticket-service", "hold ended",
                    "not cancelled; approval sent to auth-service");
            LOG.infof("recovery ticket %s approved after its hold", ticket.id);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recovered(UUID ticketId) {
        Ticket.forUpdate(ticketId).filter(t -> t.status == RecoveryTicketStatus.APPROVED).ifPresent(ticket -> {
            ticket.outcome = "two-step sign-in turned off, sessions revoked, re-enrollment required";
            history.apply(ticket, TicketLifecycle.Action.RECOVERED, "auth-service", "completed", ticket.outcome);
        });
    }
}
