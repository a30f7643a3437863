package dev.lifeline.auth.domain;

import dev.lifeline.auth.client.BackupCodesClient;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.contracts.events.TwoFactorEnabled;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turning SMS two-factor on (a code sent to the new phone proves the owner has it) and off (the
 * password and a current code, so a stolen session alone cannot remove the factor).
 */
@ApplicationScoped
public class TwoFactor {

    private final SignIn signIn;
    private final SmsCodes smsCodes;
    private final PasswordConfirmation passwords;
    private final Outbox outbox;
    private final PhoneNumbers phoneNumbers;
    private final BackupCodesClient backupCodes;

    public TwoFactor(SignIn signIn, SmsCodes smsCodes, PasswordConfirmation passwords, Outbox outbox,
                     PhoneNumbers phoneNumbers, BackupCodesClient backupCodes) {
        this.phoneNumbers = phoneNumbers;
        this.backupCodes = backupCodes;
        this.signIn = signIn;
        this.smsCodes = smsCodes;
        this.passwords = passwords;
        this.outbox = outbox;
    }

    public record Enabled(boolean enabled, List<String> backupCodes) {
    }

    public SmsSent startSmsEnrollment(UUID accountId, String phoneInput) {
        String phone = phoneNumbers.toE164(phoneInput);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findById(accountId);
            if (account.smsEnabled()) {
                throw new ProblemException(409, "sms_already_enabled", "Conflict",
                        "SMS two-factor is already on; turn it off first to change the phone.");
            }
            LoginChallenge challenge = LoginChallenge.latestOpen(accountId, LoginChallenge.Purpose.SMS_ENROLLMENT, Instant.now())
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
            outbox.publish(accountId.toString(), new TwoFactorEnabled(accountId, SignIn.SMS));
        });
        return new Enabled(true, codes);
    }

    /** Sends a code to the enrolled phone, to confirm a sensitive change such as turning 2FA off. */
    public SmsSent sendStepUpCode(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findById(accountId);
            if (!account.smsEnabled()) {
                throw new ProblemException(409, "sms_not_enrolled", "Conflict", "SMS two-factor is not on.");
            }
            LoginChallenge challenge = LoginChallenge.latestOpen(accountId, LoginChallenge.Purpose.STEP_UP, Instant.now())
                    .flatMap(open -> LoginChallenge.findForUpdate(open.id))
                    .orElseGet(() -> signIn.open(account, LoginChallenge.Purpose.STEP_UP, account.smsPhone));
            return smsCodes.send(challenge);
        });
    }

    public void disable(UUID accountId, String password, String code) {
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId));
        if (!account.smsEnabled()) {
            throw new ProblemException(409, "sms_not_enrolled", "Conflict", "SMS two-factor is not on.");
        }
        passwords.confirm(account, password);
        LoginChallenge challenge = smsCodes.verifyStepUp(account, code);
        QuarkusTransaction.requiringNew().run(() -> {
            smsCodes.complete(challenge.id);
            Account.<Account>findById(accountId).smsPhone = null;
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, SignIn.SMS, "turned off by the owner"));
        });
    }

    private static LoginChallenge openChallenge(UUID accountId, LoginChallenge.Purpose purpose, String code, String detail) {
        return QuarkusTransaction.requiringNew().call(() -> LoginChallenge.latestOpen(accountId, purpose, Instant.now()))
                .orElseThrow(() -> new ProblemException(409, code, "Conflict", detail));
    }
}
