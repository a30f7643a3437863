package dev.lifeline.auth.domain;

import dev.lifeline.auth.client.BackupCodesClient;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.auth.persistence.SmsChannel;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.contracts.events.TwoFactorEnabled;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Turning SMS two-factor on (a code sent to the new phone proves the owner has it) and off (the
 * password and a current code, so a stolen session alone cannot remove the factor).
 */
@ApplicationScoped
public class TwoFactor {

    @Inject
    Clock clock;

    private final SignIn signIn;
    private final SmsCodes smsCodes;
    private final PasswordConfirmation passwords;
    private final Outbox outbox;
    private final PhoneNumbers phoneNumbers;
    private final BackupCodesClient backupCodes;
    private final SmsFraudGuard guard;
    private final SmsBudget budget;

    public TwoFactor(SignIn signIn, SmsCodes smsCodes, PasswordConfirmation passwords, Outbox outbox,
                     PhoneNumbers phoneNumbers, BackupCodesClient backupCodes, SmsFraudGuard guard, SmsBudget budget) {
        this.guard = guard;
        this.budget = budget;
        this.phoneNumbers = phoneNumbers;
        this.backupCodes = backupCodes;
        this.signIn = signIn;
        this.smsCodes = smsCodes;
        this.passwords = passwords;
        this.outbox = outbox;
    }

    public record Enabled(boolean enabled, List<String> backupCodes) {
    }

    /**
     * A code to a new phone. Before any text goes to a number nobody has proved is theirs: the
     * account's email is verified (a fraudster's throwaway accounts must cost more than a sign-up),
     * the country is one texts may go to, the channel is healthy (enrolling can wait; texts into an
     * outage are money for nothing) and the global budget has room; then the fraud guard's limits.
     */
    public SmsSent startSmsEnrollment(UUID accountId, String phoneInput) {
        String phone = phoneNumbers.toE164(phoneInput);
        guard.ensureAllowed(phone);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findById(accountId);
            if (account.smsEnabled()) {
                throw new DomainError.Conflict("sms_already_enabled", "SMS two-factor is already on; turn it off first to change the phone.");
            }
            if (!account.emailVerified) {
                throw new DomainError.Refused("email_verification_required", "Confirm your email address first (the code we emailed you): POST /api/me/email/verify.");
            }
            SmsChannel channel = SmsChannel.current();
            if (!channel.usable()) {
                throw new DomainError.Unavailable("sms_degraded", "Text messages are delayed right now, so setting up SMS has to wait: use an authenticator app or a passkey. "
                                + channel.reason).with("smsChannel", channel.state.name()).retryAfter(300);
            }
            if (budget.usage().exhausted()) {
                throw SmsBudget.exhausted();
            }
            LoginChallenge challenge = LoginChallenge.latestOpen(accountId, LoginChallenge.Purpose.SMS_ENROLLMENT, clock.instant())
                    .filter(open -> open.phone.equals(phone))
                    .flatMap(open -> LoginChallenge.findForUpdate(open.id))
                    .orElseGet(() -> signIn.open(account, LoginChallenge.Purpose.SMS_ENROLLMENT, phone));
            return smsCodes.send(challenge);
        });
    }

    public Enabled confirmSms(UUID accountId, String code) {
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId));
        LoginChallenge challenge = openChallenge(accountId, LoginChallenge.Purpose.SMS_ENROLLMENT,
                "no_enrollment_in_progress", "Ask for a code to your new phone first.");
        smsCodes.verify(challenge, code, account.username);
        // codes first: if they cannot be made, two-factor stays off, so no account has it without them
        List<String> codes = backupCodes.generate(accountId);
        QuarkusTransaction.requiringNew().run(() -> {
            LoginChallenge done = smsCodes.complete(challenge.id);
            Account enrolled = Account.findById(accountId);
            enrolled.smsPhone = done.phone;
            enrolled.reenrollmentRequired = false;
            outbox.publish(accountId.toString(), new TwoFactorEnabled(accountId, Factor.SMS.wireName()));
        });
        return new Enabled(true, codes);
    }

    /** Sends a code to the enrolled phone, to confirm a sensitive change such as turning 2FA off. */
    public SmsSent sendStepUpCode(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findById(accountId);
            if (!account.smsEnabled()) {
                throw new DomainError.Conflict("sms_not_enrolled", "SMS two-factor is not on.");
            }
            LoginChallenge challenge = LoginChallenge.latestOpen(accountId, LoginChallenge.Purpose.STEP_UP, clock.instant())
                    .flatMap(open -> LoginChallenge.findForUpdate(open.id))
                    .orElseGet(() -> signIn.open(account, LoginChallenge.Purpose.STEP_UP, account.smsPhone));
            return smsCodes.send(challenge);
        });
    }

    public void disable(UUID accountId, String password, String code) {
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId));
        if (!account.smsEnabled()) {
            throw new DomainError.Conflict("sms_not_enrolled", "SMS two-factor is not on.");
        }
        passwords.confirm(account, password);
        LoginChallenge challenge = smsCodes.verifyStepUp(account, code);
        QuarkusTransaction.requiringNew().run(() -> {
            smsCodes.complete(challenge.id);
            Account.<Account>findById(accountId).smsPhone = null;
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, Factor.SMS.wireName(), "turned off by the owner"));
        });
    }

    private LoginChallenge openChallenge(UUID accountId, LoginChallenge.Purpose purpose, String code, String detail) {
        return QuarkusTransaction.requiringNew().call(() -> LoginChallenge.latestOpen(accountId, purpose, clock.instant()))
                .orElseThrow(() -> new DomainError.Conflict(code, detail));
    }
}
