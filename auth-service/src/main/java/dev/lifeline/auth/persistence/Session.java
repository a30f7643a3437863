package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One signed-in device: lives as long as its refresh tokens keep being rotated, until revoked. */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When the person last proved who they are here: the sign-in, or a later step-up ({@code auth_time}). */
    @Column(name = "authenticated_at")
    public Instant authenticatedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_reason")
    public String revokedReason;

    /** Not revoked, not expired, and refreshed after {@code idleCutoff}. */
    public boolean isActive(Instant now, Instant idleCutoff) {
        return revokedAt == null && now.isBefore(expiresAt) && lastUsedAt.isAfter(idleCutoff);
    }

    public void revoke(String reason, Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
            revokedReason = reason;
        }
    }

    /** Revokes every session of the account not revoked yet, but {@code keep} (null: all); returns their ids. */
    public static List<UUID> revokeAllOf(UUID accountId, UUID keep, String reason, Instant now) {
        List<Session> open = list("accountId = ?1 and revokedAt is null", accountId).stream()
                .map(Session.class::cast).filter(session -> !session.id.equals(keep)).toList();
        open.forEach(session -> session.revoke(reason, now));
        return open.stream().map(session -> session.id).toList();
    }

    public static List<Session> activeOf(UUID accountId, Instant now, Instant idleCutoff) {
        return list("accountId = ?1 and revokedAt is null and expiresAt > ?2 and lastUsedAt > ?3 order by createdAt",
                accountId, now, idleCutoff);
    }
}
