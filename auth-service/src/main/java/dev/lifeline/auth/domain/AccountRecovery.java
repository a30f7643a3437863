package dev.lifeline.auth.domain;

import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.auth.persistence.Passkey;
import dev.lifeline.auth.persistence.PasskeyCeremony;
import dev.lifeline.contracts.events.AccountRecovered;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * Carries out a recovery ticket that two agents approved and whose hold ran out uncancelled:
 * two-factor off, every session revoked and every sign-in in progress ended (whoever holds them,
 * owner or thief with the old phone); the old password stops signing in until a new one is set with
 * the link emailed to the account's address, and then the account can do nothing but turn two-factor
 * on again, with new backup codes.
 */
@ApplicationScoped
public class AccountRecovery {

    private static final Logger LOG = Logger.getLogger(AccountRecovery.class);

    @Inject
    Clock clock;

    private final Outbox outbox;
    private final Sessions sessions;
    private final Passwords passwords;

    public AccountRecovery(Outbox outbox, Sessions sessions, Passwords passwords) {
        this.outbox = outbox;
        this.sessions = sessions;
        this.passwords = passwords;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void carryOut(UUID accountId, UUID ticketId) {
        Account account = Account.findById(accountId);
        if (account == null) {
            LOG.warnf("recovery ticket %s names account %s, which does not exist; nothing done", ticketId, accountId);
            return;
        }
        int revoked = startOver(account, "account recovery (ticket " + ticketId + ")", "Set a new password for your Lifeline account",
                "Your Lifeline account \"" + account.username + "\" was recovered. Whoever asked may have known its password, so "
                        + "it no longer signs in.",
                "Then sign in and set up two-step sign-in again.");
        outbox.publish(accountId.toString(), new AccountRecovered(accountId, ticketId));
        LOG.infof("account %s recovered by ticket %s: two-factor off, %d sessions revoked, new password required",
                accountId, ticketId, revoked);
    }

    /**
     * What a recovery and an admin's reset of a staff account share: every factor removed, every
     * sign-in in progress and every session ended, the password replaced through a link emailed to
     * the account ({@code subject}, {@code why} and {@code then} word that email); the account may
     * only turn two-factor on again until it has. Returns how many sessions ended.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int startOver(Account account, String reason, String subject, String why, String then) {
        UUID accountId = account.id;
        if (account.smsEnabled()) {
            account.smsPhone = null;
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, Factor.SMS.wireName(), reason));
        }
        if (account.totpEnabled()) {
            account.totpSecret = null;
            account.totpLastStep = null;
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, Factor.TOTP.wireName(), reason));
        }
        if (account.passkeyEnabled()) {
            Passkey.delete("accountId", accountId);
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, Factor.PASSKEY.wireName(), reason));
        }
        PasskeyCeremony.delete("accountId", accountId);
        account.totpPendingSecret = null;
        account.reenrollmentRequired = true;
        passwords.requireReset(account, subject, why, then);
        return endEverySignIn(account, reason);
    }

    /** Every sign-in in progress and every session of the account ended; returns how many sessions. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int endEverySignIn(Account account, String reason) {
        LoginChallenge.expireAllOf(account.id, clock.instant());
        return sessions.revokeAll(account.id, reason);
    }
}
