package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The code last sent to an account's email address to prove the owner reads it. */
@Entity
@Table(name = "email_verification")
public class EmailVerification extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "code_hash")
    public byte[] codeHash;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public int attempts;
}
