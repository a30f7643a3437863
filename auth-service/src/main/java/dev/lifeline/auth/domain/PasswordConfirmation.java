package dev.lifeline.auth.domain;

import dev.lifeline.auth.persistence.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A signed-in person proving again that they know the password, before a sensitive change (turning
 * a factor off). A wrong password spends the username's failure budget, as at sign-in.
 */
@ApplicationScoped
public class PasswordConfirmation {

    private final PasswordHasher hasher;
    private final FailureBudget budget;

    public PasswordConfirmation(PasswordHasher hasher, FailureBudget budget) {
        this.hasher = hasher;
        this.budget = budget;
    }

    /** Returns when {@code password} is the account's; otherwise refuses as a sign-in would. */
    public void confirm(Account account, String password) {
        QuarkusTransaction.requiringNew().run(() -> budget.ensureNotLocked(account.username));
        if (!hasher.verify(password, account.passwordHash).matches()) {
            budget.recordFailure(account.username, account.id, "wrong_password");
            throw SignIn.invalidCredentials();
        }
    }
}
