package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The SHA-256 of one refresh token; {@code usedAt} is set when it was exchanged for the next. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "used_at")
    public Instant usedAt;

    /** Marks the token used, unless it already was; true for exactly one caller. */
    public static boolean markUsed(byte[] tokenHash, Instant now) {
        return update("usedAt = ?1 where tokenHash = ?2 and usedAt is null", now, tokenHash) == 1;
    }
}
