package dev.lifeline.auth.domain;

import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.auth.persistence.SmsChannel;
import dev.lifeline.problem.DomainError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Proving who you are again, inside a session, before a sensitive action: the password and any
 * second factor that works now (passkey, authenticator app, backup code, or a text while texts arrive). While
 * the SMS channel is failing, someone whose only second factor is SMS steps up with the password
 * alone: the session they hold is the other factor (NIST SP 800-63B allows a single factor to
 * reauthenticate inside an unexpired session), and otherwise they could not make new backup codes
 * in exactly the outage that needs them.
 */
@ApplicationScoped
public class StepUp {

    private final PasswordConfirmation passwords;
    private final AuthenticatorApps authenticatorApps;
    private final SignIn signIn;
    private final SmsCodes smsCodes;
    private final Sessions sessions;
    private final Passkeys passkeys;

    public StepUp(PasswordConfirmation passwords, AuthenticatorApps authenticatorApps, SignIn signIn, SmsCodes smsCodes,
                  Sessions sessions, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.passwords = passwords;
        this.authenticatorApps = authenticatorApps;
        this.signIn = signIn;
        this.smsCodes = smsCodes;
        this.sessions = sessions;
    }

    /** A passkey prompt for a step-up: the browser passes it to {@code navigator.credentials.get}. */
    public Passkeys.RequestOptions passkeyOptions(UUID accountId) {
        return passkeys.requestOptions(QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId)), null);
    }

    /**
     * {@code method} and {@code code} are null for the password alone; for a passkey, {@code code} is
     * the browser's answer to {@link #passkeyOptions}.
     */
    public Tokens prove(UUID accountId, UUID sessionId, String password, Factor method, String code) {
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId));
        passwords.confirm(account, password);
        if (method == null) {
            if (account.hasSecondFactor() && !smsOnlyDuringAnOutage(account)) {
                throw new DomainError.Refused("second_factor_required", "Confirm with your passkey, authenticator app, a backup code, or a text message code as well.");
            }
        } else {
            switch (method) {
                case TOTP -> authenticatorApps.verify(account, code);
                case PASSKEY -> passkeys.verify(account, null, code);
                case BACKUP_CODE -> signIn.useBackupCode(account, code);
                case SMS -> {
                    LoginChallenge challenge = smsCodes.verifyStepUp(account, code);
                    QuarkusTransaction.requiringNew().run(() -> smsCodes.complete(challenge.id));
                }
            }
        }
        return sessions.steppedUp(accountId, sessionId);
    }

    private static boolean smsOnlyDuringAnOutage(Account account) {
        return account.smsEnabled() && !account.hasFactorBeyondSms()
                && !QuarkusTransaction.requiringNew().call(() -> SmsChannel.current().usable());
    }
}
