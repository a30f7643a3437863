package dev.lifeline.tickets.persistence;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A recovery ticket: one per username while it is open, however many requests joined it. */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    /** Statuses in which the ticket is still open; the others are final. */
    public static final Set<RecoveryTicketStatus> OPEN_STATUSES = EnumSet.of(
            RecoveryTicketStatus.OPEN, RecoveryTicketStatus.CLAIMED, RecoveryTicketStatus.ON_HOLD, RecoveryTicketStatus.APPROVED);
    /** Waiting on an agent: these count against the SLA. */
    public static final Set<RecoveryTicketStatus> WITH_AGENTS = EnumSet.of(RecoveryTicketStatus.OPEN, RecoveryTicketStatus.CLAIMED);
    /** Nothing changed on the account yet: agents may still act, and a cancel still wins. */
    public static final Set<RecoveryTicketStatus> UNDECIDED = EnumSet.of(
            RecoveryTicketStatus.OPEN, RecoveryTicketStatus.CLAIMED, RecoveryTicketStatus.ON_HOLD);

    @Id
    public UUID id;

    public String username;

    /** Null when no account has this username: agents see that and reject. */
    @Column(name = "account_id")
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    public RecoveryTicketStatus status;

    /** 1 is the most urgent. */
    public int priority;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "due_by")
    public Instant dueBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "claim_expires_at")
    public Instant claimExpiresAt;

    @Column(name = "hold_until")
    public Instant holdUntil;

    /** Why it ended: the rejection reason, who cancelled, or what was done. */
    public String outcome;

    public boolean isClaimedBy(String agent, Instant now) {
        return agent.equals(claimedBy) && claimIsLive(claimExpiresAt, now);
    }

    public boolean isClaimedByAnother(String agent, Instant now) {
        return claimedBy != null && !agent.equals(claimedBy) && claimIsLive(claimExpiresAt, now);
    }

    /** A claim holds until it expires; after that anyone may claim the ticket. */
    public static boolean claimIsLive(Instant claimExpiresAt, Instant now) {
        return claimExpiresAt != null && now.isBefore(claimExpiresAt);
    }

    /** Still waiting on an agent past the SLA's due time. */
    public static boolean isOverdue(RecoveryTicketStatus status, Instant dueBy, Instant now) {
        return WITH_AGENTS.contains(status) && now.isAfter(dueBy);
    }

    public static Optional<Ticket> forUpdate(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    public static Optional<Ticket> openFor(String username) {
        return find("username = ?1 and status in ?2", username, OPEN_STATUSES).firstResultOptional();
    }

    /** Holds that are over, locked, skipping tickets another instance is ending. */
    @SuppressWarnings("unchecked")
    public static List<Ticket> holdsEndedBefore(Instant now) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM ticket WHERE status = 'ON_HOLD' AND hold_until <= ?1
                ORDER BY hold_until LIMIT 50 FOR UPDATE SKIP LOCKED""", Ticket.class)
                .setParameter(1, now)
                .getResultList();
    }
}
