package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.EmailVerification;
import dev.lifeline.contracts.events.EmailAddressChanged;
import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import dev.lifeline.security.EmailedCodes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The account's email address: proving it, and changing it. A six-digit code goes to it at sign-up,
 * on request and after a change; typing it back (or following the email's link, which carries it)
 * marks the address verified. A code lives a day and allows five tries, each checked in constant time
 * under a row lock, so guessing one of a million codes is hopeless; a new one may be asked for once a
 * minute. Each change and each verification is an {@code account.email-changed} event: the other
 * services' views follow it, and the old address is told of a change (otp-service's notices).
 */
@ApplicationScoped
public class EmailAddresses {

    static final int MAX_ATTEMPTS = 5;
    private static final Duration LIFETIME = Duration.ofDays(1);
    private static final Duration RESEND_AFTER = Duration.ofMinutes(1);

    @Inject
    Clock clock;

    private final Outbox outbox;
    private final AuthConfig config;

    public EmailAddresses(Outbox outbox, AuthConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Inside the sign-up's transaction: a first code to the new address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sendCode(Account account) {
        Instant now = clock.instant();
        String code = EmailedCodes.newCode();
        EmailVerification verification = EmailVerification.<EmailVerification>findByIdOptional(account.id).orElseGet(() -> {
            EmailVerification fresh = new EmailVerification();
            fresh.accountId = account.id;
            return fresh;
        });
        verification.codeHash = EmailedCodes.hash(account.id.toString(), code);
        verification.sentAt = now;
        verification.expiresAt = now.plus(LIFETIME);
        verification.attempts = 0;
        if (!verification.isPersistent()) {
            verification.persist();
        }
        // the code rides in the link's fragment: browsers never send it to a server or in a Referer
        String link = config.publicUrl().resolve("/account#verify-email=" + code).toString();
        outbox.publish(account.id.toString(), new EmailRequested(List.of(account.email), "Confirm your email address for Lifeline",
                MailTexts.text(MailTexts.emailVerification(account.username, code, link))));
    }

    /** A new code, at most once a minute; none when the address is confirmed already. */
    public void resend(UUID accountId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Account account = Account.findById(accountId, LockModeType.PESSIMISTIC_WRITE);
            if (account.emailVerified) {
                throw new DomainError.Conflict("email_already_verified", "This address is confirmed already.");
            }
            EmailVerification last = EmailVerification.findById(accountId);
            if (last != null && last.sentAt.plus(RESEND_AFTER).isAfter(clock.instant())) {
                throw new DomainError.Limited("too_many_requests", "Wait a minute before asking for another code.")
                        .retryAfter(RESEND_AFTER.toSeconds());
            }
            sendCode(account);
        });
    }

    /** Inside the caller's transaction: the owner proved they read the address (a code, a link that came to it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markVerified(Account account) {
        if (!account.emailVerified) {
            account.emailVerified = true;
            outbox.publish(account.id.toString(), new EmailAddressChanged(account.id, account.email, true));
        }
    }

    /**
     * A new address for the account (the resource checks the step-up): unverified until its code is
     * typed back; the old address hears of it.
     */
    public void change(UUID accountId, String newEmail) {
        String normalized = newEmail.trim().toLowerCase(Locale.ROOT);
        QuarkusTransaction.requiringNew().run(() -> {
            Account account = Account.findById(accountId, LockModeType.PESSIMISTIC_WRITE);
            if (account.email.equals(normalized)) {
                throw new DomainError.Conflict("email_unchanged", "This is the account's address already.");
            }
            account.email = normalized;
            account.emailVerified = false;
            outbox.publish(accountId.toString(), new EmailAddressChanged(accountId, normalized, false));
            sendCode(account);
        });
    }

    /** Marks the address verified when {@code code} is the one sent; a wrong code spends one of its five tries. */
    public void verify(UUID accountId, String code) {
        // the outcome is decided and stored in one transaction, refused afterwards: a wrong try must count
        int attemptsLeft = QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findById(accountId, LockModeType.PESSIMISTIC_WRITE);
            if (account.emailVerified) {
                return MAX_ATTEMPTS;
            }
            EmailVerification pending = EmailVerification.findById(accountId);
            if (pending == null || !pending.expiresAt.isAfter(clock.instant()) || pending.attempts >= MAX_ATTEMPTS) {
                return -1;
            }
            if (!EmailedCodes.matches(pending.codeHash, accountId.toString(), code)) {
                pending.attempts++;
                return MAX_ATTEMPTS - pending.attempts;
            }
            pending.delete();
            markVerified(account);
            return MAX_ATTEMPTS;
        });
        if (attemptsLeft < 0) {
            throw new DomainError.Conflict("no_code_pending", "There is no usable code for this address: ask for a new one (POST /api/me/email/verification).");
        }
        if (attemptsLeft < MAX_ATTEMPTS) {
            throw new DomainError.Invalid("invalid_code", "That code is not right.").with("attemptsLeft", attemptsLeft);
        }
    }
}
