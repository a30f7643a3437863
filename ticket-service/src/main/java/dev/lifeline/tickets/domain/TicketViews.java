package dev.lifeline.tickets.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.DomainError;
import dev.lifeline.security.Masking;
import dev.lifeline.tickets.config.TicketConfig;
import dev.lifeline.tickets.persistence.AccountActivity;
import dev.lifeline.tickets.persistence.AccountView;
import dev.lifeline.tickets.persistence.Ticket;
import dev.lifeline.tickets.persistence.TicketApproval;
import dev.lifeline.tickets.persistence.TicketAudit;
import dev.lifeline.tickets.persistence.TicketCheck;
import dev.lifeline.tickets.persistence.TicketRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What agents see: the queue, and one ticket with its requests, evidence, the viewing agent's own
 * checks (each approver does them all) next to the other agents' results, approvals and audit trail.
 */
@ApplicationScoped
public class TicketViews {

    private static final Duration RECENT = Duration.ofDays(30);

    @Inject
    Clock clock;

    private final TicketConfig config;

    public TicketViews(TicketConfig config) {
        this.config = config;
    }

    public record Summary(UUID id, RecoveryTicketStatus status, int priority, Instant dueBy, boolean overdue, String username,
                          Instant openedAt, String claimedBy, Instant claimExpiresAt, int approvals, int requests) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(UUID id, RecoveryTicketStatus status, int priority, Instant dueBy, boolean overdue, String username,
                         UUID accountId, Instant openedAt, String claimedBy, Instant claimExpiresAt, Instant holdUntil,
                         String outcome, List<Request> requests, Evidence evidence, List<Check> checks,
                         List<Check> otherAgentsChecks, List<Approval> approvals, List<AuditEntry> audit) {
    }

    public record Request(String contactEmail, String details, Instant requestedAt, boolean withdrawn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(boolean accountExists, Instant registeredAt, String accountEmail, boolean accountEmailVerified, boolean smsTwoFactor,
                           Instant lastSuccessfulSignIn, String lastSignInMethod, long recentFailedSignIns, List<Change> recentChanges) {
    }

    public record Change(String kind, String detail, Instant at) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Check(String name, String description, Boolean passed, String note, String by, Instant at) {
    }

    public record Approval(String agent, String note, Instant at) {
    }

    public record AuditEntry(Instant at, String actor, String action, String detail) {
    }

    /** Open tickets by where they stand; {@code overdue}: waiting on an agent past their SLA. */
    public record QueueDepth(long open, long claimed, long onHold, long overdue) {
    }

    @Transactional
    public QueueDepth depth() {
        Instant now = clock.instant();
        return new QueueDepth(Ticket.count("status", RecoveryTicketStatus.OPEN), Ticket.count("status", RecoveryTicketStatus.CLAIMED),
                Ticket.count("status", RecoveryTicketStatus.ON_HOLD),
                Ticket.count("status in ?1 and dueBy < ?2", Ticket.WITH_AGENTS, now));
    }

    /** One ticket as {@code agent} sees it: {@code checks} are theirs to do, whatever others recorded. */
    @Transactional
    public Detail detail(UUID id, String agent) {
        Ticket t = Ticket.<Ticket>findByIdOptional(id).orElseThrow(() -> new DomainError.NotFound("ticket_not_found", "No such ticket."));
        Instant now = clock.instant();
        List<TicketCheck> recorded = TicketCheck.of(id);
        Map<String, TicketCheck> mine = recorded.stream().filter(c -> c.byAgent.equals(agent))
                .collect(Collectors.toMap(c -> c.name, Function.identity()));
        List<Check> checks = config.checks().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    TicketCheck c = mine.get(e.getKey());
                    return c == null ? new Check(e.getKey(), e.getValue(), null, null, null, null) : view(c, e.getValue());
                })
                .toList();
        List<Check> others = recorded.stream().filter(c -> !c.byAgent.equals(agent))
                .map(c -> view(c, config.checks().get(c.name))).toList();
        return new Detail(t.id, t.status, t.priority, t.dueBy, Ticket.isOverdue(t.status, t.dueBy, now), t.username,
                t.accountId, t.openedAt, claimHolder(t, now), claimExpiry(t, now), t.holdUntil, t.outcome,
                TicketRequest.of(id).stream().map(r -> new Request(r.contactEmail, r.details, r.requestedAt, !r.isActive())).toList(),
                evidence(t, now), checks, others,
                TicketApproval.of(id).stream().map(a -> new Approval(a.agent, a.note, a.at)).toList(),
                TicketAudit.of(id).stream().map(a -> new AuditEntry(a.at, a.actor, a.action, a.detail)).toList());
    }

    private static Check view(TicketCheck c, String description) {
        return new Check(c.name, description, c.passed, c.note, c.byAgent, c.at);
    }

    private static Evidence evidence(Ticket ticket, Instant now) {
        if (ticket.accountId == null) {
            return new Evidence(false, null, null, false, false, null, null, 0, List.of());
        }
        AccountView account = AccountView.findById(ticket.accountId);
        List<AccountActivity> recent = AccountActivity.since(ticket.accountId, now.minus(RECENT));
        return new Evidence(true, account.registeredAt, Masking.email(account.email), account.emailVerified, account.smsEnabled, account.lastLoginAt,
                account.lastLoginMethod,
                recent.stream().filter(a -> AccountActivity.LOGIN_FAILED.equals(a.kind)).count(),
                recent.stream().filter(a -> !AccountActivity.LOGIN_FAILED.equals(a.kind))
                        .map(a -> new Change(a.kind, a.detail, a.at)).toList());
    }

    private static String claimHolder(Ticket t, Instant now) {
        return Ticket.claimIsLive(t.claimExpiresAt, now) ? t.claimedBy : null;
    }

    private static Instant claimExpiry(Ticket t, Instant now) {
        return claimHolder(t, now) == null ? null : t.claimExpiresAt;
    }
}
