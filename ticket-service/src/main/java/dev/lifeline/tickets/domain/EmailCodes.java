package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.DomainError;
import dev.lifeline.security.EmailedCodes;
import dev.lifeline.security.Masking;
import dev.lifeline.tickets.persistence.AccountView;
import dev.lifeline.tickets.persistence.Ticket;
import dev.lifeline.tickets.persistence.TicketCheck;
import dev.lifeline.tickets.persistence.TicketEmailCode;
import dev.lifeline.tickets.persistence.TicketRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The identity check "the requester reads the account's email", made a proof: an agent holding the
 * claim sends a six-digit code to the account's address; a requester who types it back with their
 * tracking code passes that agent's {@value #CHECK} check. Codes are kept hashed, live 30 minutes,
 * allow five wrong tries across the ticket (each try committed before the refusal), and one agent may
 * send one a minute.
 */
@ApplicationScoped
public class EmailCodes {

    public static final String CHECK = "account-email-reached";
    static final int MAX_ATTEMPTS = 5;
    private static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final Duration RESEND_AFTER = Duration.ofMinutes(1);

    @Inject
    Clock clock;

    private final AgentDesk desk;
    private final RecoveryMail mail;
    private final TicketHistory history;

    public EmailCodes(AgentDesk desk, RecoveryMail mail, TicketHistory history) {
        this.desk = desk;
        this.mail = mail;
        this.history = history;
    }

    /** Where the code went (masked) and until when it works. */
    public record Sent(String sentTo, boolean addressVerified, Instant expiresAt) {
    }

    @Transactional
    public Sent send(UUID ticketId, String agent) {
        Ticket ticket = desk.claimedBy(ticketId, agent);
        if (ticket.accountId == null) {
            throw new DomainError.Conflict("no_account", "No account has this username: there is no address to write to.");
        }
        Instant now = clock.instant();
        TicketEmailCode code = TicketEmailCode.<TicketEmailCode>findByIdOptional(new TicketEmailCode.Key(ticketId, agent))
                .orElseGet(TicketEmailCode::new);
        if (code.sentAt != null && code.sentAt.plus(RESEND_AFTER).isAfter(now)) {
            throw new DomainError.Limited("too_many_requests", "Wait a minute before sending another code.")
                    .retryAfter(RESEND_AFTER.toSeconds());
        }
        String plain = EmailedCodes.newCode();
        boolean isNew = code.ticketId == null;
        code.ticketId = ticketId;
        code.agent = agent;
        code.codeHash = EmailedCodes.hash(boundTo(ticketId, agent), plain);
        code.sentAt = now;
        code.expiresAt = now.plus(LIFETIME);
        code.attempts = 0;
        if (isNew) {
            code.persist();
        }
        AccountView account = AccountView.findById(ticket.accountId);
        mail.emailCode(ticket, account, plain, code.expiresAt);
        history.note(ticket, agent, "email code sent", "to " + Masking.email(account.email)
                + (account.emailVerified ? "" : ", an address its owner never verified"));
        return new Sent(Masking.email(account.email), account.emailVerified, code.expiresAt);
    }

    /** The requester types the code back: the agent who sent it has the check passed. */
    @Transactional(dontRollbackOn = DomainError.class)
    public void confirm(UUID ticketId, String trackingCode, String typed) {
        Ticket ticket = Ticket.forUpdate(ticketId).orElseThrow(EmailCodes::notFound);
        TicketRequest request = TicketRequest.tracked(ticket.id, Secrets.hash(trackingCode))
                .filter(TicketRequest::isActive).orElseThrow(EmailCodes::notFound);
        Instant now = clock.instant();
        List<TicketEmailCode> pending = Ticket.UNDECIDED.contains(ticket.status) && ticket.status != RecoveryTicketStatus.ON_HOLD
                ? TicketEmailCode.usableOn(ticketId, now, MAX_ATTEMPTS) : List.of();
        if (pending.isEmpty()) {
            throw new DomainError.Conflict("no_code_pending", "No code is waiting for this request: support sends one when they check your request.");
        }
        for (TicketEmailCode candidate : pending) {
            if (EmailedCodes.matches(candidate.codeHash, boundTo(ticketId, candidate.agent), typed)) {
                candidate.delete();
                TicketCheck.record(ticketId, CHECK, candidate.agent, true,
                        "the requester (" + request.contactEmail + ") typed back the code sent to the account's address");
                history.note(ticket, "requester", "email code confirmed", CHECK + " passed for " + candidate.agent);
                return;
            }
        }
        int attemptsLeft = MAX_ATTEMPTS;
        for (TicketEmailCode candidate : pending) {
            candidate.attempts++;
            attemptsLeft = Math.min(attemptsLeft, MAX_ATTEMPTS - candidate.attempts);
        }
        throw new DomainError.Invalid("invalid_code", "That code is not right.").with("attemptsLeft", attemptsLeft);
    }

    private static String boundTo(UUID ticketId, String agent) {
        return ticketId + ":" + agent;
    }

    private static DomainError notFound() {
        return new DomainError.NotFound("ticket_not_found", "No such recovery request, or the code does not match.");
    }
}
