package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.tickets.config.TicketConfig;
import dev.lifeline.tickets.persistence.AccountView;
import dev.lifeline.tickets.persistence.Ticket;
import dev.lifeline.tickets.persistence.TicketAudit;
import dev.lifeline.tickets.persistence.TicketCancelLink;
import dev.lifeline.tickets.persistence.TicketRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who hears what about a recovery, one email per recipient. The account's own address hears at once
 * when a ticket opens and again when its hold starts, each time with a "this wasn't me" link of its
 * own, but only once its owner verified it: an address nobody proved is no independent channel (the
 * owner's signed-in sessions show the recovery either way). A requester's contact address hears only
 * that the request arrived, with nothing about the account (its address, whether it exists, whether a
 * recovery is already under way). An agent's identity-check code goes to the account's address,
 * verified or not: typing it back is what proves someone reads it.
 */
@ApplicationScoped
public class RecoveryMail {

    @Inject
    Clock clock;

    private final Outbox outbox;
    private final TicketConfig config;
    private final TicketHistory history;

    public RecoveryMail(Outbox outbox, TicketConfig config, TicketHistory history) {
        this.outbox = outbox;
        this.config = config;
        this.history = history;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void ticketOpened(Ticket ticket, AccountView account) {
        if (!ownerReachable(ticket, account, "request received")) {
            return;
        }
        String cancelToken = newCancelToken(ticket);
        send(ticket, account.email, "A recovery of your Lifeline account was requested",
                MailTexts.ticketOpened(ticket.username, cancelPage(ticket, cancelToken), ticket.id, cancelToken));
        history.note(ticket, "ticket-service", "owner told", "request received; email with a cancel link to the account's address");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void holdStarted(Ticket ticket, AccountView account) {
        if (!ownerReachable(ticket, account, "hold started")) {
            return;
        }
        String cancelToken = newCancelToken(ticket);
        send(ticket, account.email, "Someone asked to recover your Lifeline account",
                MailTexts.holdStarted(ticket.username, ticket.holdUntil, cancelPage(ticket, cancelToken), ticket.id, cancelToken));
        history.note(ticket, "ticket-service", "owner told", "hold started; email with a cancel link to the account's address");
    }

    /**
     * The account's address has just been verified (or this service has just learned it, Kafka having
     * been away): an open ticket whose owner could not be emailed when it opened is told now, once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addressVerified(AccountView account) {
        Ticket.openFor(account.username).ifPresent(ticket -> {
            boolean told = TicketAudit.of(ticket.id).stream().anyMatch(entry -> "owner told".equals(entry.action));
            if (!told) {
                ticketOpened(ticket, account);
            }
        });
    }

    /** To the requester's contact address: received, nothing more. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestReceived(Ticket ticket, TicketRequest request) {
        send(ticket, request.contactEmail, "We received your Lifeline recovery request",
                MailTexts.requestReceived(config.publicUrl().resolve("/recover")));
    }

    /** An agent's one-time code, to the account's address: a requester who types it back reads that address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emailCode(Ticket ticket, AccountView account, String code, Instant expiresAt) {
        send(ticket, account.email, "Your Lifeline support code",
                MailTexts.emailCode(code, ticket.username, config.publicUrl().resolve("/recover"), expiresAt));
    }

    /** Whether the owner's address may get recovery emails; when not, the ticket's history says why. */
    private boolean ownerReachable(Ticket ticket, AccountView account, String moment) {
        if (account.emailVerified) {
            return true;
        }
        history.note(ticket, "ticket-service", "owner not emailed", moment + "; the account's address was never verified");
        return false;
    }

    private void send(Ticket ticket, String to, String subject, TemplateInstance text) {
        outbox.publish(ticket.id.toString(), new EmailRequested(List.of(to), subject, text.render().strip()));
    }

    /** A new cancel token for the account's owner; it is kept only as its hash. */
    private String newCancelToken(Ticket ticket) {
        String token = Secrets.newSecret();
        TicketCancelLink link = new TicketCancelLink();
        link.tokenHash = Secrets.hash(token);
        link.ticketId = ticket.id;
        link.createdAt = clock.instant();
        link.persist();
        return token;
    }

    private URI cancelPage(Ticket ticket, String token) {
        return config.publicUrl().resolve("/recover?ticket=" + ticket.id + "&cancel=" + token);
    }

    /** Each email's text, a plain-text Qute template in {@code templates/MailTexts/}, checked against these parameters at build. */
    @CheckedTemplate(basePath = "MailTexts")
    static final class MailTexts {

        private MailTexts() {
        }

        static native TemplateInstance ticketOpened(String username, URI cancelPage, UUID ticketId, String cancelToken);

        static native TemplateInstance holdStarted(String username, Instant holdUntil, URI cancelPage, UUID ticketId,
                                                   String cancelToken);

        static native TemplateInstance requestReceived(URI recoverPage);

        static native TemplateInstance emailCode(String code, String username, URI recoverPage, Instant expiresAt);
    }
}
