package dev.lifeline.otp.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The keyed hash of the live code of one challenge; the code itself is never stored. */
@Entity
@Table(name = "otp_code")
public class OtpCode extends PanacheEntityBase {

    @Id
    @Column(name = "challenge_id")
    public UUID challengeId;

    @Column(name = "account_id")
    public UUID accountId;

    public byte[] salt;

    @Column(name = "code_hash")
    public byte[] codeHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public int attempts;

    @Column(name = "consumed_at")
    public Instant consumedAt;

    /** A sign-in or step-up code of an established account: its use or disuse judges the channel. */
    @Column(name = "judges_channel")
    public boolean judgesChannel;
}
