package dev.lifeline.auth.messaging;

import dev.lifeline.auth.client.TicketsClient;
import dev.lifeline.auth.domain.AccountRecovery;
import dev.lifeline.contracts.events.RecoveryTicketChanged;
import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.auth.persistence.RecoveryInProgress;
import dev.lifeline.outbox.AppliedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code recovery.tickets}: a recovery under way is shown to every signed-in session of the account
 * ({@code RecoveryInProgress}, read by {@code /api/me}); an APPROVED ticket (two agents, hold over, not
 * cancelled) is carried out once. The event is only a claim: it is carried out when ticket-service, asked with a service token,
 * confirms that this very ticket is approved for this very account. A forged event (a stolen
 * producer credential) names a ticket that does not exist or is not approved; a replayed one names a
 * ticket already COMPLETED. Either way nothing changes.
 */
@ApplicationScoped
public class RecoveryTicketsConsumer {

    private static final Logger LOG = Logger.getLogger(RecoveryTicketsConsumer.class);
    private static final Set<RecoveryTicketStatus> UNDER_WAY =
            EnumSet.of(RecoveryTicketStatus.OPEN, RecoveryTicketStatus.CLAIMED, RecoveryTicketStatus.ON_HOLD);

    private final AppliedEvents applied;
    private final AccountRecovery recovery;
    private final TicketsClient tickets;

    public RecoveryTicketsConsumer(AppliedEvents applied, AccountRecovery recovery, TicketsClient tickets) {
        this.applied = applied;
        this.recovery = recovery;
        this.tickets = tickets;
    }

    @Incoming("recovery-tickets")
    @Blocking
    public void onTicketChanged(String record) {
        applied.applyOnce("auth-recovery", record, event -> {
            if (!(event.payload() instanceof RecoveryTicketChanged ticket) || ticket.accountId() == null) {
                return null;
            }
            remember(ticket, event.occurredAt());
            if (ticket.status() == RecoveryTicketStatus.APPROVED && confirmed(ticket)) {
                recovery.carryOut(ticket.accountId(), ticket.ticketId());
            }
            return null;
        });
    }

    /** Only a notice to the owner, who can stop it at ticket-service; nothing here acts on it. */
    private static void remember(RecoveryTicketChanged ticket, Instant at) {
        RecoveryInProgress known = RecoveryInProgress.findById(ticket.ticketId());
        if (!UNDER_WAY.contains(ticket.status())) {
            if (known != null) {
                known.delete();
            }
            return;
        }
        boolean isNew = known == null;
        if (isNew) {
            known = new RecoveryInProgress();
            known.ticketId = ticket.ticketId();
            known.accountId = ticket.accountId();
        }
        known.status = ticket.status().name();
        known.updatedAt = at;
        if (isNew) {
            known.persist();
        }
    }

    private boolean confirmed(RecoveryTicketChanged claimed) {
        boolean confirmed = tickets.ticket(claimed.ticketId())
                .filter(ticket -> ticket.status() == RecoveryTicketStatus.APPROVED && claimed.accountId().equals(ticket.accountId()))
                .isPresent();
        if (!confirmed) {
            LOG.warnf("recovery.tickets: ticket-service does not confirm that ticket %s is approved for account %s; nothing done",
                    claimed.ticketId(), claimed.accountId());
        }
        return confirmed;
    }
}
