package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.PasswordReset;
import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.contracts.events.PasswordChanged;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Changing the password, and setting a new one after a recovery. A change happens inside a session
 * whose holder proved who they are recently (the resource checks the step-up) and knows the current
 * password; every other session of the account ends. After a recovery the old password may be known
 * to whoever lost the owner their factors, so it stops signing in: the owner sets a new one through a
 * one-time link sent to the account's own address.
 */
@ApplicationScoped
public class Passwords {

    @Inject
    Clock clock;

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final PasswordConfirmation confirmation;
    private final FailureBudget budget;
    private final Sessions sessions;
    private final Outbox outbox;
    private final AuthConfig config;
    private final EmailAddresses emailAddresses;

    public Passwords(PasswordPolicy policy, PasswordHasher hasher, PasswordConfirmation confirmation, FailureBudget budget,
                     Sessions sessions, Outbox outbox, AuthConfig config, EmailAddresses emailAddresses) {
        this.emailAddresses = emailAddresses;
        this.policy = policy;
        this.hasher = hasher;
        this.confirmation = confirmation;
        this.budget = budget;
        this.sessions = sessions;
        this.outbox = outbox;
        this.config = config;
    }

    /** The owner, signed in, changes it: {@code sessionId}, the session asking, stays; every other one ends. */
    public void change(UUID accountId, UUID sessionId, String currentPassword, String newPassword) {
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId));
        confirmation.confirm(account, currentPassword);
        policy.check(newPassword, account.username, account.email);
        // hashing takes tens of milliseconds: outside the transaction, so no connection waits on it
        String passwordHash = hasher.hash(newPassword);
        QuarkusTransaction.requiringNew().run(() -> {
            Account.<Account>findById(accountId).passwordHash = passwordHash;
            sessions.revokeAllBut(accountId, sessionId, "password changed");
            outbox.publish(accountId.toString(), new PasswordChanged(accountId));
        });
    }

    /**
     * Inside the transaction that takes the password away (a recovery, a staff account made or reset
     * by an admin): the password stops signing in, and a one-time link to set a new one goes to the
     * account's address (older links stop working). The email says {@code why}, the link, then {@code then}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireReset(Account account, String subject, String why, String then) {
        Instant now = clock.instant();
        account.passwordResetRequired = true;
        PasswordReset.retireAllOf(account.id, now);
        String token = BearerSecrets.newSecret();
        PasswordReset reset = new PasswordReset();
        reset.tokenHash = BearerSecrets.hash(token);
        reset.accountId = account.id;
        reset.createdAt = now;
        reset.expiresAt = now.plus(config.password().resetLinkLifetime());
        reset.persist();
        // the token rides in the fragment: browsers never send it to a server or in a Referer
        String link = config.publicUrl().resolve("/reset-password#" + token).toString();
        outbox.publish(account.id.toString(), new EmailRequested(List.of(account.email), subject,
                MailTexts.text(MailTexts.passwordReset(why, reset.expiresAt, link, token, then))));
    }

    /** The link from the email: sets the new password once; the account's sessions (if any) end. */
    public void reset(String token, String newPassword) {
        byte[] tokenHash = BearerSecrets.hash(token);
        PasswordReset reset = QuarkusTransaction.requiringNew().call(() -> PasswordReset.usable(tokenHash, clock.instant()))
                .orElseThrow(Passwords::linkNotUsable);
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(reset.accountId));
        // a weak password is refused before the link is used, so the owner can try another
        policy.check(newPassword, account.username, account.email);
        String passwordHash = hasher.hash(newPassword);
        QuarkusTransaction.requiringNew().run(() -> {
            if (!PasswordReset.useUp(tokenHash, clock.instant())) {
                throw linkNotUsable();
            }
            Account changed = Account.findById(account.id);
            changed.passwordHash = passwordHash;
            changed.passwordResetRequired = false;
            // the link came to the account's address: whoever used it reads that address
            emailAddresses.markVerified(changed);
            sessions.revokeAll(account.id, "password reset");
            outbox.publish(account.id.toString(), new PasswordChanged(account.id));
        });
        // whatever was tried against the old password must not keep the owner out of the new one
        budget.reset(account.username);
    }

    private static DomainError linkNotUsable() {
        return new DomainError.Expired("reset_link_not_usable", "This link was used already, has expired, or is not one of ours. The newest email has the link that works.");
    }
}
