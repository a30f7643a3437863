package dev.lifeline.auth.messaging;

import dev.lifeline.auth.domain.AccountRecovery;
import dev.lifeline.contracts.events.RecoveryTicketChanged;
import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.outbox.AppliedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code recovery.tickets}: an APPROVED ticket (two agents, hold over, not cancelled) is carried out once. */
@ApplicationScoped
public class RecoveryTicketsConsumer {

    private final AppliedEvents applied;
    private final AccountRecovery recovery;

    public RecoveryTicketsConsumer(AppliedEvents applied, AccountRecovery recovery) {
        this.applied = applied;
        this.recovery = recovery;
    }

    @Incoming("recovery-tickets")
    @Blocking
    public void onTicketChanged(String record) {
        applied.applyOnce("auth-recovery", record, event -> {
            if (event.payload() instanceof RecoveryTicketChanged ticket && ticket.status() == RecoveryTicketStatus.APPROVED
                    && ticket.accountId() != null) {
                recovery.carryOut(ticket.accountId(), ticket.ticketId());
            }
            return null;
        });
    }
}
