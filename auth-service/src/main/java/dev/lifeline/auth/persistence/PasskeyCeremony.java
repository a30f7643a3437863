package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A challenge handed to a browser for one WebAuthn ceremony; used up by deleting it. */
@Entity
@Table(name = "passkey_ceremony")
public class PasskeyCeremony extends PanacheEntityBase {

    public enum Kind {
        REGISTRATION, SIGN_IN, STEP_UP
    }

    @Id
    public byte[] challenge;

    @Column(name = "account_id")
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** For a sign-in: the login challenge this passkey step belongs to. */
    @Column(name = "login_challenge_id")
    public UUID loginChallengeId;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /**
     * Uses up the challenge if it was handed out for exactly this account, kind and sign-in and has
     * not expired: true once, false for any answer after the first (a replay) or a mismatch.
     */
    public static boolean useUp(byte[] challenge, UUID accountId, Kind kind, UUID loginChallengeId, Instant now) {
        return delete("challenge = ?1 and accountId = ?2 and kind = ?3 and expiresAt > ?4"
                        + (loginChallengeId == null ? " and loginChallengeId is null" : " and loginChallengeId = ?5"),
                loginChallengeId == null ? new Object[] {challenge, accountId, kind, now}
                        : new Object[] {challenge, accountId, kind, now, loginChallengeId}) == 1;
    }

    /** Forgets the account's expired challenges and any still open for the same step: a new one replaces them. */
    public static void replaceOpen(UUID accountId, Kind kind, UUID loginChallengeId, Instant now) {
        delete("accountId = ?1 and (expiresAt <= ?2 or (kind = ?3 and "
                        + (loginChallengeId == null ? "loginChallengeId is null))" : "loginChallengeId = ?4))"),
                loginChallengeId == null ? new Object[] {accountId, now, kind} : new Object[] {accountId, now, kind, loginChallengeId});
    }
}
