package dev.lifeline.otp.domain;

import dev.lifeline.otp.config.OtpConfig;
import dev.lifeline.contracts.events.OtpPurpose;
import dev.lifeline.otp.persistence.OtpCode;
import dev.lifeline.otp.persistence.SmsAccount;
import dev.lifeline.contracts.internal.OtpVerification.Outcome;
import dev.lifeline.contracts.internal.OtpVerification.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Issuing and checking codes. A code is six digits from {@link SecureRandom}, bound to one
 * challenge, valid for a few minutes and a few attempts, and used at most once: checking locks the
 * code's row, so of concurrent checks of the right code exactly one succeeds.
 */
@ApplicationScoped
public class OtpCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    private final CodeHasher hasher;
    private final OtpConfig config;

    public OtpCodes(CodeHasher hasher, OtpConfig config) {
        this.hasher = hasher;
        this.config = config;
    }

    /**
     * Whether the text of this code judges the SMS channel: a sign-in or step-up code of an account
     * that has used a code before. Enrollment texts go to numbers nobody has proven yet, and anyone
     * can ask for them; events from before purposes existed are not trusted either.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean judgesChannel(UUID accountId, OtpPurpose purpose) {
        return (purpose == OtpPurpose.SIGN_IN || purpose == OtpPurpose.STEP_UP) && SmsAccount.isEstablished(accountId);
    }

    /** A fresh code for the challenge, replacing any earlier one; returns the code to send. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(UUID challengeId, UUID accountId, boolean judgesChannel) {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Instant now = clock.instant();
        OtpCode existing = OtpCode.findById(challengeId, LockModeType.PESSIMISTIC_WRITE);
        OtpCode row = existing == null ? new OtpCode() : existing;
        row.challengeId = challengeId;
        row.accountId = accountId;
        row.salt = salt;
        row.codeHash = hasher.hash(salt, code);
        row.createdAt = now;
        row.expiresAt = now.plus(config.codeTtl());
        row.attempts = 0;
        row.consumedAt = null;
        row.judgesChannel = judgesChannel;
        if (existing == null) {
            row.persist();
        }
        return code;
    }

    @Transactional
    public Verdict verify(UUID challengeId, String code) {
        OtpCode row = OtpCode.findById(challengeId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (row == null) {
            return new Verdict(Outcome.NOT_ISSUED, 0);
        }
        if (row.consumedAt != null) {
            return new Verdict(Outcome.ALREADY_USED, 0);
        }
        if (!now.isBefore(row.expiresAt)) {
            return new Verdict(Outcome.EXPIRED, 0);
        }
        if (row.attempts >= config.maxAttempts()) {
            return new Verdict(Outcome.TOO_MANY_ATTEMPTS, 0);
        }
        if (hasher.matches(row.salt, code, row.codeHash)) {
            row.consumedAt = now;
            SmsAccount.establish(row.accountId, now);
            return new Verdict(Outcome.VERIFIED, 0);
        }
        row.attempts++;
        return new Verdict(Outcome.WRONG_CODE, config.maxAttempts() - row.attempts);
    }
}
