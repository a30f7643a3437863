package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.tickets.config.TicketConfig;
import dev.lifeline.tickets.persistence.AccountView;
import dev.lifeline.tickets.persistence.Ticket;
import dev.lifeline.tickets.persistence.TicketAudit;
import dev.lifeline.tickets.persistence.TicketCancelLink;
import dev.lifeline.tickets.persistence.TicketRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

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
        send(ticket, account.email, "A recovery of your Lifeline account was requested",
                "Someone asked support to recover the Lifeline account \"" + ticket.username + "\": to turn its two-step sign-in "
                        + "off because they cannot sign in.\n\nIf that was you, there is nothing to do: support will check and "
                        + "you will hear from us.\n\nIf it was not you, stop it now; nothing will change:\n" + cancelLink(ticket)
                        + "\n\nSigned in, you also see it on your security settings page.");
        history.note(ticket, "ticket-service", "owner told", "request received; email with a cancel link to the account's address");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void holdStarted(Ticket ticket, AccountView account) {
        if (!ownerReachable(ticket, account, "hold started")) {
            return;
        }
        send(ticket, account.email, "Someone asked to recover your Lifeline account",
                "Support approved a request to recover the Lifeline account \"" + ticket.username + "\".\n\n"
                        + "At " + ticket.holdUntil + " two-step sign-in will be turned off, every device signed out, and the "
                        + "account will ask for a new two-step set-up at the next sign-in.\n\n"
                        + "If you did not ask for this, cancel it now; nothing will change:\n" + cancelLink(ticket));
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
                "We received a request to recover a Lifeline account, with this address to reach you.\n\n"
                        + "Follow it at " + config.publicUrl().resolve("/recover") + " with the ticket number and the tracking "
                        + "code you were shown. Support may write to you here to confirm who you are.\n\n"
                        + "If you did not ask for this, ignore this email.");
    }

    /** An agent's one-time code, to the account's address: a requester who types it back reads that address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emailCode(Ticket ticket, AccountView account, String code, Instant expiresAt) {
        send(ticket, account.email, "Your Lifeline support code",
                "Your code: " + code + "\n\n"
                        + "Lifeline support is checking a request to recover the account \"" + ticket.username + "\". If you asked "
                        + "for it, type this code on your request's page (" + config.publicUrl().resolve("/recover") + ") before "
                        + expiresAt + ".\n\n"
                        + "If you did not ask, give this code to nobody, support included; sign in to stop the recovery.");
    }

    /** Whether the owner's address may get recovery emails; when not, the ticket's history says why. */
    private boolean ownerReachable(Ticket ticket, AccountView account, String moment) {
        if (account.emailVerified) {
            return true;
        }
        history.note(ticket, "ticket-service", "owner not emailed", moment + "; the account's address was never verified");
        return false;
    }

    private void send(Ticket ticket, String to, String subject, String text) {
        outbox.publish(ticket.id.toString(), new EmailRequested(List.of(to), subject, text));
    }

    /** A new link for the account's owner; the token is kept only as its hash. */
    private String cancelLink(Ticket ticket) {
        String token = Secrets.newSecret();
        TicketCancelLink link = new TicketCancelLink();
        link.tokenHash = Secrets.hash(token);
        link.ticketId = ticket.id;
        link.createdAt = Instant.now();
        link.persist();
        return config.publicUrl().resolve("/recover?ticket=" + ticket.id + "&cancel=" + token) + "\n\n"
                + "(or POST /api/recovery-tickets/" + ticket.id + "/cancel with {\"cancelToken\": \"" + token + "\"})";
    }
}
