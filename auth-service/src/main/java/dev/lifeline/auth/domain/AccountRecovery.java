package dev.lifeline.auth.domain;

import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.auth.persistence.Passkey;
import dev.lifeline.auth.persistence.PasskeyCeremony;
import dev.lifeline.contracts.events.AccountRecovered;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
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
        String reason = "account recovery (ticket " + ticketId + ")";
        if (account.smsEnabled()) {
            account.smsPhone = null;
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, SignIn.SMS, reason));
        }
        if (account.totpEnabled()) {
            account.totpSecret = null;
            account.totpLastStep = null;
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, SignIn.TOTP, reason));
        }
        if (account.passkeyEnabled()) {
            Passkey.delete("accountId", accountId);
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, SignIn.PASSKEY, reason));
        }
        PasskeyCeremony.delete("accountId", accountId);
        account.totpPendingSecret = null;
        account.reenrollmentRequired = true;
        passwords.requireReset(account);
        Instant now = Instant.now();
        LoginChallenge.expireAllOf(accountId, now);
        int revoked = sessions.revokeAll(accountId, reason);
        outbox.publish(accountId.toString(), new AccountRecovered(accountId, ticketId));
        LOG.infof("account %s recovered by ticket %s: two-factor off, %d sessions revoked, new password required",
                accountId, ticketId, revoked);
    }
}
