package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.DomainError;
import dev.lifeline.tickets.config.TicketConfig;
import dev.lifeline.tickets.persistence.AccountView;
import dev.lifeline.tickets.persistence.Ticket;
import dev.lifeline.tickets.persistence.TicketCancelLink;
import dev.lifeline.tickets.persistence.TicketRequest;
import dev.lifeline.security.Usernames;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The requester's side of recovery: opening a request, following it, withdrawing it; and the owner's
 * cancel, from the email link or a signed-in session. Anyone can ask for any username, so nothing a
 * requester sees depends on the account: the same answer for every username, whether or not it exists
 * or a recovery is under way, and limits per requester, never per username, so a stranger cannot use
 * up the owner's right to ask. A second request for a username with an open ticket joins that ticket
 * (agents see the requests side by side); a tracking code withdraws only its own request.
 */
@ApplicationScoped
public class RecoveryRequests {

    @Inject
    Clock clock;

    private final TicketConfig config;
    private final TicketHistory history;
    private final RecoveryMail mail;

    public RecoveryRequests(TicketConfig config, TicketHistory history, RecoveryMail mail) {
        this.config = config;
        this.history = history;
        this.mail = mail;
    }

    /** {@code status} is the new request's: always OPEN, whatever the ticket it joined is doing. */
    public record Opened(UUID ticketId, String trackingCode, RecoveryTicketStatus status) {
    }

    /** {@code request}: ACTIVE, or WITHDRAWN once its tracking code withdrew it. */
    public record Progress(RecoveryTicketStatus status, Instant updatedAt, Instant dueBy, Instant holdUntil, String request) {
    }

    /** An open recovery of the caller's own account, as its owner sees it. */
    public record OwnTicket(UUID id, RecoveryTicketStatus status, Instant openedAt, Instant holdUntil, int requests) {
    }

    @Transactional
    public Opened open(String username, String contactEmail, String details, String requesterIp) {
        String name = Usernames.normalize(username);
        String contact = contactEmail.trim().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        if (TicketRequest.countFromIpSince(requesterIp, now.minus(Duration.ofHours(1))) >= config.maxRequestsPerIpPerHour()
                || TicketRequest.countFromContactSince(contact, now.minus(Duration.ofDays(1))) >= config.maxRequestsPerContactPerDay()) {
            throw new DomainError.Limited("too_many_requests", "Too many recovery requests from you; try again later. If you already opened one, follow it with its tracking code.")
                    .retryAfter(3600);
        }
        // one ticket per username while open: concurrent requests for one name take turns here
        Panache.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "ticket:" + name).getSingleResult();
        Optional<AccountView> account = AccountView.byUsername(name);
        Ticket ticket = Ticket.openFor(name).orElse(null);
        boolean joined = ticket != null;
        if (!joined) {
            ticket = new Ticket();
            ticket.id = UUID.randomUUID();
            ticket.username = name;
            ticket.accountId = account.map(a -> a.accountId).orElse(null);
            ticket.priority = priority(account, now);
            ticket.openedAt = now;
            ticket.dueBy = now.plus(config.sla());
            ticket.updatedAt = now;
            history.apply(ticket, TicketLifecycle.Action.OPEN, "requester", "opened", "request from " + contact);
        }
        String trackingCode = Secrets.newSecret();
        TicketRequest request = new TicketRequest();
        request.id = UUID.randomUUID();
        request.ticketId = ticket.id;
        request.trackingCodeHash = Secrets.hash(trackingCode);
        request.contactEmail = contact;
        request.details = details.trim();
        request.requesterIp = requesterIp;
        request.username = name;
        request.requestedAt = now;
        request.persist();
        if (joined) {
            history.note(ticket, "requester", "request joined", "another request for this username, contact " + request.contactEmail);
        } else {
            Ticket opened = ticket;
            account.ifPresent(owner -> mail.ticketOpened(opened, owner));
        }
        mail.requestReceived(ticket, request);
        return new Opened(ticket.id, trackingCode, RecoveryTicketStatus.OPEN);
    }

    @Transactional
    public Progress progress(UUID ticketId, String trackingCode) {
        Ticket ticket = Ticket.<Ticket>findByIdOptional(ticketId).orElseThrow(RecoveryRequests::notFound);
        TicketRequest request = TicketRequest.tracked(ticket.id, Secrets.hash(trackingCode)).orElseThrow(RecoveryRequests::notFound);
        return progress(ticket, request);
    }

    /**
     * The requester takes back their own request. The ticket goes on for the other requests; when
     * none is left and nothing was changed yet, it ends (nobody is asking any more).
     */
    @Transactional
    public Progress withdraw(UUID ticketId, String trackingCode) {
        Ticket ticket = Ticket.forUpdate(ticketId).orElseThrow(RecoveryRequests::notFound);
        TicketRequest request = TicketRequest.tracked(ticket.id, Secrets.hash(trackingCode)).orElseThrow(RecoveryRequests::notFound);
        if (request.isActive()) {
            request.withdrawnAt = clock.instant();
            history.note(ticket, "requester", "request withdrawn", "by its tracking code, contact " + request.contactEmail);
            if (TicketRequest.activeOn(ticket.id) == 0 && Ticket.UNDECIDED.contains(ticket.status)) {
                end(ticket, "requester", "every request was withdrawn");
            }
        }
        return progress(ticket, request);
    }

    /** The owner's "this wasn't me", with a link from an email to the account's address. */
    @Transactional
    public RecoveryTicketStatus cancelByLink(UUID ticketId, String cancelToken) {
        Ticket ticket = Ticket.forUpdate(ticketId)
                .filter(t -> TicketCancelLink.cancels(t.id, Secrets.hash(cancelToken)))
                .orElseThrow(RecoveryRequests::notFound);
        end(ticket, "owner (email link)", "cancelled by the owner");
        return ticket.status;
    }

    /** The owner's "this wasn't me", signed in: only a ticket for the caller's own account. */
    @Transactional
    public RecoveryTicketStatus cancelByOwner(UUID ticketId, UUID accountId) {
        Ticket ticket = Ticket.forUpdate(ticketId).filter(t -> accountId.equals(t.accountId)).orElseThrow(RecoveryRequests::notFound);
        end(ticket, "owner (signed in)", "cancelled by the owner");
        return ticket.status;
    }

    /** Open recoveries of the caller's own account: what its owner, signed in, is shown and can stop. */
    @Transactional
    public List<OwnTicket> ofAccount(UUID accountId) {
        return Ticket.<Ticket>list("accountId = ?1 and status in ?2 order by openedAt", accountId, Ticket.UNDECIDED).stream()
                .map(t -> new OwnTicket(t.id, t.status, t.openedAt, t.holdUntil, (int) TicketRequest.activeOn(t.id)))
                .toList();
    }

    private void end(Ticket ticket, String who, String outcome) {
        if (!Ticket.UNDECIDED.contains(ticket.status)) {
            throw new DomainError.Conflict("ticket_closed", "This recovery is " + ticket.status.name().toLowerCase(Locale.ROOT) + " and can no longer be cancelled.");
        }
        ticket.outcome = outcome;
        ticket.claimedBy = null;
        ticket.claimExpiresAt = null;
        history.apply(ticket, TicketLifecycle.Action.CANCEL, who, "cancelled", "nothing was changed on the account");
    }

    private static Progress progress(Ticket ticket, TicketRequest request) {
        return new Progress(ticket.status, ticket.updatedAt, ticket.dueBy, ticket.holdUntil, request.isActive() ? "ACTIVE" : "WITHDRAWN");
    }

    /** Most urgent: a real, recently active account with SMS two-factor, locked out; least: no such account. */
    private static int priority(Optional<AccountView> account, Instant now) {
        if (account.isEmpty()) {
            return 3;
        }
        AccountView view = account.get();
        boolean recentlyActive = view.lastLoginAt != null && view.lastLoginAt.isAfter(now.minus(Duration.ofDays(90)));
        return view.smsEnabled && recentlyActive ? 1 : 2;
    }

    private static DomainError notFound() {
        return new DomainError.NotFound("ticket_not_found", "No such recovery request, or the code does not match.");
    }
}
