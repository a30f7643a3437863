package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.ProblemException;
import dev.lifeline.problem.Problems;
import dev.lifeline.tickets.config.TicketConfig;
import dev.lifeline.tickets.persistence.AccountView;
import dev.lifeline.tickets.persistence.Ticket;
import dev.lifeline.tickets.persistence.TicketRequest;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The requester's side of recovery: opening a request, following it, withdrawing it, and the
 * owner's cancel from the email link. Whether the username exists changes nothing a requester can
 * see: the same answer, the same work. A second request for a username with an open ticket joins
 * that ticket (agents see both requests side by side) instead of making a duplicate.
 */
@ApplicationScoped
public class RecoveryRequests {

    private final TicketConfig config;
    private final TicketHistory history;

    public RecoveryRequests(TicketConfig config, TicketHistory history) {
        this.config = config;
        this.history = history;
    }

    public record Opened(UUID ticketId, String trackingCode, RecoveryTicketStatus status) {
    }

    public record Progress(RecoveryTicketStatus status, Instant updatedAt, Instant dueBy, Instant holdUntil) {
    }

    @Transactional
    public Opened open(String username, String contactEmail, String details, String requesterIp) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        if (TicketRequest.countFromIpSince(requesterIp, now.minus(Duration.ofHours(1))) >= config.maxRequestsPerIpPerHour()
                || TicketRequest.countForUsernameSince(name, now.minus(Duration.ofDays(1))) >= config.maxRequestsPerUsernamePerDay()) {
            throw new ProblemException(429, "too_many_requests", "Too Many Requests",
                    "Too many recovery requests; try again later. If you already opened one, follow it with its tracking code.")
                    .withHeader("Retry-After", "3600");
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
            ticket.status = RecoveryTicketStatus.OPEN;
            ticket.priority = priority(account, now);
            ticket.openedAt = now;
            ticket.dueBy = now.plus(config.sla());
            ticket.updatedAt = now;
            ticket.persist();
        }
        String trackingCode = Secrets.newSecret();
        TicketRequest request = new TicketRequest();
        request.id = UUID.randomUUID();
        request.ticketId = ticket.id;
        request.trackingCodeHash = Secrets.hash(trackingCode);
        request.contactEmail = contactEmail.trim().toLowerCase(Locale.ROOT);
        request.details = details.trim();
        request.requesterIp = requesterIp;
        request.username = name;
        request.requestedAt = now;
        request.persist();
        if (joined) {
            history.note(ticket, "requester", "request joined", "another request for this username, contact " + request.contactEmail);
        } else {
            history.moveTo(ticket, RecoveryTicketStatus.OPEN, "requester", "opened", "request from " + request.contactEmail);
        }
        return new Opened(ticket.id, trackingCode, ticket.status);
    }

    @Transactional
    public Progress progress(UUID ticketId, String trackingCode) {
        Ticket ticket = Ticket.<Ticket>findByIdOptional(ticketId)
                .filter(t -> TicketRequest.tracks(t.id, Secrets.hash(trackingCode)))
                .orElseThrow(RecoveryRequests::notFound);
        return new Progress(ticket.status, ticket.updatedAt, ticket.dueBy, ticket.holdUntil);
    }

    /**
     * Ends an open ticket without any change to the account: the owner with the link from the
     * email, or a requester with their tracking code.
     */
    @Transactional
    public Progress cancel(UUID ticketId, String cancelToken, String trackingCode) {
        Ticket ticket = Ticket.forUpdate(ticketId).orElseThrow(RecoveryRequests::notFound);
        String who;
        if (cancelToken != null && ticket.cancelTokenHash != null
                && MessageDigest.isEqual(ticket.cancelTokenHash, Secrets.hash(cancelToken))) {
            who = "owner (email link)";
        } else if (trackingCode != null && TicketRequest.tracks(ticket.id, Secrets.hash(trackingCode))) {
            who = "requester";
        } else {
            throw notFound();
        }
        if (!Ticket.UNDECIDED.contains(ticket.status)) {
            throw new ProblemException(409, "ticket_closed", "Conflict",
                    "This recovery is " + ticket.status.name().toLowerCase(Locale.ROOT) + " and can no longer be cancelled.");
        }
        ticket.outcome = "cancelled by the " + who;
        ticket.claimedBy = null;
        ticket.claimExpiresAt = null;
        history.moveTo(ticket, RecoveryTicketStatus.CANCELLED, who, "cancelled", "nothing was changed on the account");
        return new Progress(ticket.status, ticket.updatedAt, ticket.dueBy, ticket.holdUntil);
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

    private static ProblemException notFound() {
        return Problems.notFound("ticket_not_found", "No such recovery request, or the code does not match.");
    }
}
