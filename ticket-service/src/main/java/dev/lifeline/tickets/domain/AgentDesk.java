package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.ProblemException;
import dev.lifeline.problem.Problems;
import dev.lifeline.tickets.config.TicketConfig;
import dev.lifeline.tickets.persistence.AccountView;
import dev.lifeline.tickets.persistence.Ticket;
import dev.lifeline.tickets.persistence.TicketApproval;
import dev.lifeline.tickets.persistence.TicketCheck;
import dev.lifeline.tickets.persistence.TicketRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The agents' side: claim a ticket (one agent at a time, and a claim lapses), record identity
 * checks, approve or reject. Approval takes two different agents, each after every check passed;
 * the second one starts the hold, and the owner is told by email with a link to cancel.
 */
@ApplicationScoped
public class AgentDesk {

    private final TicketConfig config;
    private final TicketHistory history;
    private final Outbox outbox;

    public AgentDesk(TicketConfig config, TicketHistory history, Outbox outbox) {
        this.config = config;
        this.history = history;
        this.outbox = outbox;
    }

    @Transactional
    public Ticket claim(UUID id, String agent) {
        Ticket ticket = openTicket(id);
        Instant now = Instant.now();
        if (ticket.status == RecoveryTicketStatus.ON_HOLD) {
            throw conflict("on_hold", "This ticket is approved and in its hold period.");
        }
        if (ticket.isClaimedByAnother(agent, now)) {
            throw conflict("claimed_by_other", "Another agent is working on this ticket.")
                    .with("claimedBy", ticket.claimedBy).with("claimExpiresAt", ticket.claimExpiresAt.toString());
        }
        ticket.claimedBy = agent;
        ticket.claimExpiresAt = now.plus(config.claimFor());
        history.moveTo(ticket, RecoveryTicketStatus.CLAIMED, agent, "claimed", "until " + ticket.claimExpiresAt);
        return ticket;
    }

    @Transactional
    public Ticket check(UUID id, String agent, String name, boolean passed, String note) {
        Ticket ticket = claimedBy(id, agent);
        if (!config.checks().containsKey(name)) {
            throw Problems.badRequest("unknown_check", "There is no check called '" + name + "'.")
                    .with("checks", List.copyOf(config.checks().keySet()));
        }
        TicketCheck check = TicketCheck.<TicketCheck>findByIdOptional(new TicketCheck.Key(id, name)).orElseGet(TicketCheck::new);
        boolean isNew = check.ticketId == null;
        check.ticketId = id;
        check.name = name;
        check.passed = passed;
        check.note = note;
        check.byAgent = agent;
        check.at = Instant.now();
        if (isNew) {
            check.persist();
        }
        history.note(ticket, agent, passed ? "check passed" : "check failed", name + (note == null ? "" : ": " + note));
        return ticket;
    }

    @Transactional
    public Ticket approve(UUID id, String agent, String note) {
        Ticket ticket = claimedBy(id, agent);
        if (ticket.accountId == null) {
            throw conflict("no_account", "No account has this username; reject the ticket.");
        }
        List<String> missing = missingChecks(id);
        if (!missing.isEmpty()) {
            throw conflict("checks_incomplete", "Every identity check must pass before approval.").with("missing", missing);
        }
        List<TicketApproval> approvals = TicketApproval.of(id);
        if (approvals.stream().anyMatch(a -> a.agent.equals(agent))) {
            throw conflict("already_approved", "You approved this ticket already; a second, different agent must approve it.");
        }
        TicketApproval approval = new TicketApproval();
        approval.ticketId = id;
        approval.agent = agent;
        approval.note = note;
        approval.at = Instant.now();
        approval.persist();
        ticket.claimedBy = null;
        ticket.claimExpiresAt = null;
        if (approvals.isEmpty()) {
            history.moveTo(ticket, RecoveryTicketStatus.OPEN, agent, "approved (1 of 2)",
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
        history.moveTo(ticket, RecoveryTicketStatus.REJECTED, agent, "rejected", reason);
        return ticket;
    }

    /** The checks not (yet) passed, by name. */
    private List<String> missingChecks(UUID id) {
        Map<String, Boolean> passed = new HashMap<>();
        TicketCheck.of(id).forEach(c -> passed.put(c.name, c.passed));
        List<String> missing = new ArrayList<>();
        config.checks().keySet().stream().sorted().filter(name -> !passed.getOrDefault(name, false)).forEach(missing::add);
        return missing;
    }

    private void startHold(Ticket ticket, String agent, String note) {
        String cancelToken = Secrets.newSecret();
        ticket.cancelTokenHash = Secrets.hash(cancelToken);
        ticket.holdUntil = Instant.now().plus(config.hold());
        history.moveTo(ticket, RecoveryTicketStatus.ON_HOLD, agent, "approved (2 of 2); hold started",
                "until " + ticket.holdUntil + (note == null ? "" : "; " + note));
        List<String> recipients = new ArrayList<>();
        AccountView.<AccountView>findByIdOptional(ticket.accountId).ifPresent(a -> recipients.add(a.email));
        TicketRequest.of(ticket.id).forEach(r -> recipients.add(r.contactEmail));
        String link = config.publicUrl().resolve("/recover?ticket=" + ticket.id + "&cancel=" + cancelToken).toString();
        outbox.publish(ticket.id.toString(), new EmailRequested(recipients.stream().distinct().toList(),
                "Someone asked to recover your Lifeline account",
                "Support approved a request to recover the Lifeline account \"" + ticket.username + "\".\n\n"
                        + "At " + ticket.holdUntil + " two-step sign-in will be turned off, every device signed out, and the "
                        + "account will ask for a new two-step set-up at the next sign-in.\n\n"
                        + "If you did not ask for this, cancel it now; nothing will change:\n" + link + "\n\n"
                        + "(or POST /api/recovery-tickets/" + ticket.id + "/cancel with {\"cancelToken\": \"" + cancelToken + "\"})"));
        history.note(ticket, "ticket-service", "owner told", "email with a cancel link to " + String.join(", ", recipients));
    }

    private Ticket openTicket(UUID id) {
        Ticket ticket = Ticket.forUpdate(id).orElseThrow(() -> Problems.notFound("ticket_not_found", "No such ticket."));
        if (!Ticket.UNDECIDED.contains(ticket.status)) {
            throw conflict("ticket_closed", "This ticket is " + ticket.status + "; nothing more can be done on it.");
        }
        return ticket;
    }

    private Ticket claimedBy(UUID id, String agent) {
        Ticket ticket = openTicket(id);
        if (ticket.status == RecoveryTicketStatus.ON_HOLD) {
            throw conflict("on_hold", "This ticket is approved and in its hold period.");
        }
        if (!ticket.isClaimedBy(agent, Instant.now())) {
            throw conflict("not_claimed", "Claim the ticket first; only the agent holding the claim can work on it.");
        }
        return ticket;
    }

    private static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, "Conflict", detail);
    }
}
