package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import dev.lifeline.contracts.events.OtpPurpose;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A second-factor step in progress: of a sign-in, of SMS enrollment, or of a sensitive change. */
@Entity
@Table(name = "login_challenge")
public class LoginChallenge extends PanacheEntityBase {

    public enum Purpose {
        LOGIN(OtpPurpose.SIGN_IN),
        SMS_ENROLLMENT(OtpPurpose.ENROLLMENT),
        STEP_UP(OtpPurpose.STEP_UP);

        /** What otp-service is told about a text for this step. */
        public final OtpPurpose ofText;

        Purpose(OtpPurpose ofText) {
            this.ofText = ofText;
        }
    }

    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    /** Where this challenge's SMS codes go (the enrolled phone, or the phone being enrolled). */
    public String phone;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_sms_at")
    public Instant lastSmsAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean isCompleted() {
        return completedAt != null;
    }

    /** Locks the row for the rest of the transaction: resends and completions of one challenge queue up. */
    /** Ends every open challenge of the account: its codes went to a phone that may not be the owner's any more. */
    public static int expireAllOf(UUID accountId, Instant now) {
        return update("expiresAt = ?1 where accountId = ?2 and completedAt is null and expiresAt > ?1", now, accountId);
    }

    public static Optional<LoginChallenge> findForUpdate(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    public static Optional<LoginChallenge> latestOpen(UUID accountId, Purpose purpose, Instant now) {
        return find("accountId = ?1 and purpose = ?2 and completedAt is null and expiresAt > ?3 order by createdAt desc",
                accountId, purpose, now).firstResultOptional();
    }
}
