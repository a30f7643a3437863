package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.DomainError;
import dev.lifeline.tickets.config.TicketConfig;
import dev.lifeline.tickets.persistence.AccountView;
import dev.lifeline.tickets.persistence.Ticket;
import dev.lifeline.tickets.persistence.TicketApproval;
import dev.lifeline.tickets.persistence.TicketCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The agents' side: claim a ticket (one agent at a time, and a claim lapses), record identity
 * checks, approve or reject. Approval takes two different agents, each after passing every check
 * themselves (four eyes, not one pair of eyes and a signature); the second one starts the hold, and
 * the owner is told by email with a link to cancel.
 */
@ApplicationScoped
public class AgentDesk {

    @Inject
    Clock clock;

    private final TicketConfig config;
    private final TicketHistory history;
    private final RecoveryMail mail;

    public AgentDesk(TicketConfig config, TicketHistory history, RecoveryMail mail) {
        this.config = config;
        this.history = history;
        this.mail = mail;
    }

    @Transactional
    public Ticket claim(UUID id, String agent) {
        Ticket ticket = openTicket(id);
        Instant now = clock.instant();
        if (ticket.status == RecoveryTicketStatus.ON_HOLD) {
            throw conflict("on_hold", "This ticket is approved and in its hold period.");
        }
        if (ticket.isClaimedByAnother(agent, now)) {
            throw conflict("claimed_by_other", "Another agent is working on this ticket.")
                    .with("claimedBy", ticket.claimedBy).with("claimExpiresAt", ticket.claimExpiresAt.toString());
        }
        ticket.claimedBy = agent;
        ticket.claimExpiresAt = now.plus(config.claimFor());
        history.apply(ticket, TicketLifecycle.Action.CLAIM, agent, "claimed", "until " + ticket.claimExpiresAt);
        return ticket;
    }

    @Transactional
    public Ticket check(UUID id, String agent, String name, boolean passed, String note) {
        Ticket ticket = claimedBy(id, agent);
        if (!config.checks().containsKey(name)) {
            throw new DomainError.Invalid("unknown_check", "There is no check called '" + name + "'.")
                    .with("checks", List.copyOf(config.checks().keySet()));
        }
        TicketCheck.record(id, name, agent, passed, note);
        history.note(ticket, agent, passed ? "check passed" : "check failed", name + (note == null ? "" : ": " + note));
        return ticket;
    }

    @Transactional
    public Ticket approve(UUID id, String agent, String note) {
        Ticket ticket = claimedBy(id, agent);
        if (ticket.accountId == null) {
            throw conflict("no_account", "No account has this username; reject the ticket.");
        }
        List<String> missing = missingChecks(id, agent);
        if (!missing.isEmpty()) {
            throw conflict("checks_incomplete", "Pass every identity check yourself before approving; another agent's checks do not count.")
                    .with("missing", missing);
        }
        List<TicketApproval> approvals = TicketApproval.of(id);
        if (approvals.stream().anyMatch(a -> a.agent.equals(agent))) {
            throw conflict("already_approved", "You approved this ticket already; a second, different agent must approve it.");
        }
        TicketApproval approval = new TicketApproval();
        approval.ticketId = id;
        approval.agent = agent;
        approval.note = note;
        approval.at = clock.instant();
        approval.persist();
        ticket.claimedBy = null;
        ticket.claimExpiresAt = null;
        if (approvals.isEmpty()) {
            history.apply(ticket, TicketLifecycle.Action.FIRST_APPROVAL, agent, "approved (1 of 2)",
                    "waiting for a second agent" + (note == null ? "" : "; " + note));
        } else {
            startHold(ticket, agent, note);
        }
        return ticket;
    }

    @Transactional
    public Ticket reject(UUID id, String agent, String reason) {
        Ticket ticket = claimedBy(id, agent);
        ticket.outcome = reason;
        ticket.claimedBy = null;
        ticket.claimExpiresAt = null;
        history.apply(ticket, TicketLifecycle.Action.REJECT, agent, "rejected", reason);
        return ticket;
    }

    /** The checks {@code agent} has not (yet) passed, by name. */
    private List<String> missingChecks(UUID id, String agent) {
        Map<String, Boolean> passed = new HashMap<>();
        TicketCheck.of(id, agent).forEach(c -> passed.put(c.name, c.passed));
        List<String> missing = new ArrayList<>();
        config.checks().keySet().stream().sorted().filter(name -> !passed.getOrDefault(name, false)).forEach(missing::add);
        return missing;
    }

    private void startHold(Ticket ticket, String agent, String note) {
        ticket.holdUntil = clock.instant().plus(config.hold());
        history.apply(ticket, TicketLifecycle.Action.SECOND_APPROVAL, agent, "approved (2 of 2); hold started",
                "until " + ticket.holdUntil + (note == null ? "" : "; " + note));
        mail.holdStarted(ticket, AccountView.findById(ticket.accountId));
    }

    private Ticket openTicket(UUID id) {
        Ticket ticket = Ticket.forUpdate(id).orElseThrow(() -> new DomainError.NotFound("ticket_not_found", "No such ticket."));
        if (!Ticket.UNDECIDED.contains(ticket.status)) {
            throw conflict("ticket_closed", "This ticket is " + ticket.status + "; nothing more can be done on it.");
        }
        return ticket;
    }

    Ticket claimedBy(UUID id, String agent) {
        Ticket ticket = openTicket(id);
        if (ticket.status == RecoveryTicketStatus.ON_HOLD) {
            throw conflict("on_hold", "This ticket is approved and in its hold period.");
        }
        if (!ticket.isClaimedBy(agent, clock.instant())) {
            throw conflict("not_claimed", "Claim the ticket first; only the agent holding the claim can work on it.");
        }
        return ticket;
    }

    private static DomainError conflict(String code, String detail) {
        return new DomainError.Conflict(code, detail);
    }
}
