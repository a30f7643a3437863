package dev.lifeline.auth.domain;

import dev.lifeline.auth.persistence.Account;
import dev.lifeline.contracts.events.AccountRegistered;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import dev.lifeline.security.Usernames;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

/** Opening accounts. */
@ApplicationScoped
public class Accounts {

    @Inject
    Clock clock;

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final EmailAddresses emailAddresses;
    private final PhoneNumbers phoneNumbers;

    public Accounts(PasswordPolicy policy, PasswordHasher hasher, Outbox outbox, PhoneNumbers phoneNumbers,
                    EmailAddresses emailAddresses) {
        this.emailAddresses = emailAddresses;
        this.policy = policy;
        this.hasher = hasher;
        this.outbox = outbox;
        this.phoneNumbers = phoneNumbers;
    }

    /**
     * Opens an account. A phone given here is only validated: it becomes the SMS factor once the
     * owner confirms a code sent to it ({@code POST /api/me/2fa/sms}).
     */
    public Account register(String username, String password, String email, String phone) {
        String normalized = Usernames.normalize(username);
        String normalizedEmail = email.trim().toLowerCase(Locale.ROOT);
        if (phone != null && !phone.isBlank()) {
            phoneNumbers.toE164(phone);
        }
        policy.check(password, normalized, normalizedEmail);
        // hashing takes tens of milliseconds: outside the transaction, so no connection waits on it
        String passwordHash = hasher.hash(password);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (Account.findByUsername(normalized).isPresent()) {
                    throw usernameTaken();
                }
                Account account = create(normalized, normalizedEmail, passwordHash, Account.USER);
                emailAddresses.sendCode(account);
                return account;
            });
        } catch (ConstraintViolationException e) {
            // a concurrent registration of the same name won the unique index
            throw usernameTaken();
        }
    }

    /** A new account with these roles, announced on account.security-events in the same transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Account create(String username, String email, String passwordHash, String... roles) {
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.username = username;
        account.email = email;
        account.passwordHash = passwordHash;
        account.createdAt = clock.instant();
        account.roles = roles;
        account.persist();
        outbox.publish(account.id.toString(), new AccountRegistered(account.id, account.username, account.email));
        return account;
    }

    private static DomainError usernameTaken() {
        return new DomainError.Conflict("username_taken", "This username is taken; choose another.");
    }
}
