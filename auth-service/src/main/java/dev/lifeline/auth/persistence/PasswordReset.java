package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A one-time link to set a new password, kept as the hash of its token. */
@Entity
@Table(name = "password_reset")
public class PasswordReset extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    /** The link, while it can still be used. */
    public static Optional<PasswordReset> usable(byte[] tokenHash, Instant now) {
        return find("tokenHash = ?1 and usedAt is null and expiresAt > ?2", tokenHash, now).firstResultOptional();
    }

    /** Uses the link up: true once, false for a second use racing the first. */
    public static boolean useUp(byte[] tokenHash, Instant now) {
        return update("usedAt = ?1 where tokenHash = ?2 and usedAt is null and expiresAt > ?1", now, tokenHash) == 1;
    }

    /** A new link replaces the account's older ones. */
    public static void retireAllOf(UUID accountId, Instant now) {
        update("usedAt = ?1 where accountId = ?2 and usedAt is null", now, accountId);
    }
}
