package dev.lifeline.auth.domain;

import dev.lifeline.auth.client.OtpClient;
import dev.lifeline.contracts.internal.OtpVerification;
import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.auth.persistence.SmsRequest;
import dev.lifeline.contracts.events.OtpRequested;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import dev.lifeline.security.Masking;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * SMS codes for a challenge: asking otp-service to send one (with a resend cooldown and caps per
 * phone and per account), and checking one (against the failure budget of the account).
 */
@ApplicationScoped
public class SmsCodes {

    @Inject
    Clock clock;

    private final Outbox outbox;
    private final OtpClient otp;
    private final FailureBudget budget;
    private final AuthConfig.Sms config;
    private final SmsFraudGuard guard;
    private final SmsSpend spend;
    private final RequestOrigin origin;

    public SmsCodes(Outbox outbox, OtpClient otp, FailureBudget budget, AuthConfig config, SmsFraudGuard guard, SmsSpend spend,
                    RequestOrigin origin) {
        this.guard = guard;
        this.spend = spend;
        this.origin = origin;
        this.outbox = outbox;
        this.otp = otp;
        this.budget = budget;
        this.config = config.sms();
    }

    /** Requests a code for the challenge; the caller holds the challenge's row lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SmsSent send(LoginChallenge challenge) {
        Instant now = clock.instant();
        ensureOpen(challenge, now);
        if (challenge.phone == null) {
            throw new DomainError.Conflict("sms_not_enrolled", "This account has no phone for text messages.");
        }
        if (challenge.lastSmsAt != null && now.isBefore(challenge.lastSmsAt.plus(config.resendCooldown()))) {
            long wait = Math.max(1, Duration.between(now, challenge.lastSmsAt.plus(config.resendCooldown())).toSeconds() + 1);
            throw new DomainError.Limited("resend_too_soon", "A code was sent moments ago; you can ask for another in " + wait + " s.")
                    .retryAfter(wait)
                    .with("resendAfterSeconds", wait);
        }
        if (SmsRequest.countForPhoneSince(challenge.phone, now.minus(1, ChronoUnit.HOURS)) >= config.maxPerPhonePerHour()
                || SmsRequest.countForAccountSince(challenge.accountId, now.minus(1, ChronoUnit.DAYS)) >= config.maxPerAccountPerDay()) {
            throw new DomainError.Limited("sms_limit_reached", "Too many text messages were sent for this account; use a backup code or try again later.")
                    .retryAfter(3600);
        }
        SmsFraudGuard.Destination to = guard.admit(challenge, origin.clientAddress());
        boolean resend = challenge.lastSmsAt != null;
        challenge.lastSmsAt = now;
        SmsRequest request = new SmsRequest();
        request.accountId = challenge.accountId;
        request.challengeId = challenge.id;
        request.phone = challenge.phone;
        request.requestedAt = now;
        request.country = to.country();
        request.prefix = to.prefix();
        request.clientAddress = origin.clientAddress();
        request.purpose = challenge.purpose.name();
        request.persist();
        spend.asked(to.country());
        outbox.publish(challenge.id.toString(), new OtpRequested(challenge.id, challenge.accountId, challenge.phone, resend, challenge.purpose.ofText));
        return new SmsSent(Masking.phone(challenge.phone), config.resendCooldown().toSeconds());
    }

    /**
     * Checks a code for the challenge; returns normally only when it is right. Wrong codes draw on
     * the failure budget of {@code username}.
     */
    public void verify(LoginChallenge challenge, String code, String username) {
        ensureOpen(challenge, clock.instant());
        QuarkusTransaction.requiringNew().run(() -> budget.ensureNotLocked(username));
        OtpVerification.Verdict verdict = otp.verify(challenge.id, code);
        switch (verdict.outcome()) {
            case VERIFIED -> QuarkusTransaction.requiringNew().run(() -> SmsRequest.markCodeUsed(challenge.id, clock.instant()));
            case WRONG_CODE -> throw budget.wrongCode(username, challenge.accountId, "wrong_sms_code", "invalid_code",
                    "That code is not right.", verdict.attemptsLeft());
            case EXPIRED -> throw new DomainError.Expired("code_expired", "This code has expired; ask for a new one.");
            case TOO_MANY_ATTEMPTS -> throw new DomainError.Limited("too_many_attempts", "Too many wrong codes; ask for a new code.");
            case ALREADY_USED -> throw new DomainError.Conflict("code_used", "This code was already used.");
            case NOT_ISSUED -> throw new DomainError.Conflict("no_code_sent", "Ask for a code first.");
        }
    }

    /**
     * Checks a code of the account's open step-up challenge (texted by {@code POST /api/me/2fa/sms/code});
     * returns the challenge, for the caller to complete with the change the code confirms.
     */
    public LoginChallenge verifyStepUp(Account account, String code) {
        LoginChallenge challenge = QuarkusTransaction.requiringNew()
                .call(() -> LoginChallenge.latestOpen(account.id, LoginChallenge.Purpose.STEP_UP, clock.instant()))
                .orElseThrow(() -> new DomainError.Conflict("no_code_sent", "Ask for a code to your phone first (POST /api/me/2fa/sms/code)."));
        verify(challenge, code, account.username);
        return challenge;
    }

    static void ensureOpen(LoginChallenge challenge, Instant now) {
        if (challenge.isCompleted()) {
            throw new DomainError.Conflict("challenge_completed", "This sign-in step is already done.");
        }
        if (challenge.isExpired(now)) {
            throw new DomainError.Expired("challenge_expired", "This sign-in step has expired; start again.");
        }
    }

    /** Marks the challenge done; exactly one of concurrent callers succeeds. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LoginChallenge complete(UUID challengeId) {
        LoginChallenge challenge = LoginChallenge.findForUpdate(challengeId).orElseThrow();
        ensureOpen(challenge, clock.instant());
        challenge.completedAt = clock.instant();
        return challenge;
    }
}
