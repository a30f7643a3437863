package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One SMS code requested on behalf of an account; counted for the send caps unless forgiven. */
@Entity
@Table(name = "sms_request")
public class SmsRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "challenge_id")
    public UUID challengeId;

    public String phone;

    @Column(name = "requested_at")
    public Instant requestedAt;

    /** False for texts that never came while the channel was failing: they do not count against the caps. */
    public boolean charged = true;

    /** When otp-service reported a text of this challenge delivered; null while none was. */
    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** When otp-service gave up on the texts of this challenge asked for until then; null while it has not. */
    @Column(name = "failed_at")
    public Instant failedAt;

    /** ISO region of the number, e.g. GB. */
    public String country;

    /** Country code and the next digits, e.g. +447700: what pumping limits and blocks key on. */
    public String prefix;

    @Column(name = "client_address")
    public String clientAddress;

    /** The challenge's purpose: LOGIN, SMS_ENROLLMENT or STEP_UP. */
    public String purpose;

    /** When a code of this text's challenge was typed back: what the conversion guard looks for. */
    @Column(name = "code_used_at")
    public Instant codeUsedAt;

    public static void markCodeUsed(UUID challengeId, Instant at) {
        update("codeUsedAt = ?1 where challengeId = ?2 and codeUsedAt is null", at, challengeId);
    }

    public static long countForPhoneSince(String phone, Instant since) {
        return count("phone = ?1 and requestedAt > ?2 and charged = true", phone, since);
    }

    public static long countForAccountSince(UUID accountId, Instant since) {
        return count("accountId = ?1 and requestedAt > ?2 and charged = true", accountId, since);
    }

    /**
     * Outage mode: texts requested since then and never delivered were likely pressed for again and
     * again, so nobody is charged for them. A text that did arrive stays charged.
     */
    public static int forgiveUndeliveredSince(Instant since) {
        return update("charged = false where requestedAt > ?1 and charged = true and deliveredAt is null", since);
    }

    public static int markDelivered(UUID challengeId, Instant at) {
        return update("deliveredAt = ?1 where challengeId = ?2 and deliveredAt is null", at, challengeId);
    }

    /**
     * otp-service gave up on a text of this challenge at {@code at}: the texts asked for until then
     * that have not arrived are failed. One asked for again afterwards stays pending.
     */
    public static int markFailed(UUID challengeId, Instant at) {
        return update("failedAt = ?1 where challengeId = ?2 and deliveredAt is null and failedAt is null and requestedAt <= ?1",
                at, challengeId);
    }

    /** The text of this challenge asked for last, if any was. */
    public static Optional<SmsRequest> latestFor(UUID challengeId) {
        return find("challengeId = ?1 order by requestedAt desc, id desc", challengeId).firstResultOptional();
    }
}
