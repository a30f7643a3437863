package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.LoginThrottle;
import dev.lifeline.contracts.events.LoginFailed;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The failures a username may have within a window (wrong passwords and wrong codes alike) before
 * it is locked for a while. Kept per username whether or not the account exists, so a lockout
 * reveals nothing; checked before the password or code is.
 * <p>
 * Staff accounts count wrong passwords per username and client address instead ({@link #passwordKey}):
 * a stranger guessing an agent's password from elsewhere locks out only themselves, never the agent
 * at the desk. That is safe because a staff role needs an app or a passkey as well, and wrong codes
 * (which only someone who knew the password can send) still lock the username everywhere.
 */
@ApplicationScoped
public class FailureBudget {

    @Inject
    Clock clock;

    private final AuthConfig.Lockout config;
    private final Outbox outbox;
    private final SignInMetrics metrics;

    public FailureBudget(AuthConfig config, Outbox outbox, SignInMetrics metrics) {
        this.config = config.lockout();
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /**
     * @return whether the username has failures on record (only then is a {@link #reset} needed)
     * @throws DomainError 429 with Retry-After while the username is locked
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean ensureNotLocked(String username) {
        LoginThrottle throttle = LoginThrottle.findById(username);
        Instant now = clock.instant();
        if (throttle != null && throttle.lockedUntil != null && now.isBefore(throttle.lockedUntil)) {
            throw locked(Duration.between(now, throttle.lockedUntil));
        }
        return throttle != null;
    }

    /**
     * Counts one failure; returns how many are left before the lock (0: locked now). When the
     * username belongs to an account, the failure is also published as a security event.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int recordFailure(String username, UUID accountIdOrNull, String reason) {
        if (accountIdOrNull != null) {
            outbox.publish(accountIdOrNull.toString(), new LoginFailed(accountIdOrNull, reason));
        }
        // one statement, so concurrent failures are all counted
        Number failures = (Number) Panache.getEntityManager().createNativeQuery("""
                INSERT INTO login_throttle (username, failures, window_started_at) VALUES (?1, 1, now())
                ON CONFLICT (username) DO UPDATE SET
                  failures = CASE WHEN login_throttle.window_started_at < now() - make_interval(secs => ?2)
                                  THEN 1 ELSE login_throttle.failures + 1 END,
                  window_started_at = CASE WHEN login_throttle.window_started_at < now() - make_interval(secs => ?2)
                                  THEN now() ELSE login_throttle.window_started_at END
                RETURNING failures""")
                .setParameter(1, username)
                .setParameter(2, config.window().toSeconds())
                .getSingleResult();
        int left = config.maxFailures() - failures.intValue();
        if (left <= 0) {
            Panache.getEntityManager().createNativeQuery("""
                    UPDATE login_throttle SET failures = 0, window_started_at = now(),
                      locked_until = now() + make_interval(secs => ?2) WHERE username = ?1""")
                    .setParameter(1, username)
                    .setParameter(2, config.duration().toSeconds())
                    .executeUpdate();
            metrics.lockedOut();
            return 0;
        }
        return left;
    }

    /**
     * A wrong code of any factor: counts the failure and answers what to tell the person, the lock
     * when that was the last attempt, otherwise 401 {@code code} with the attempts left (at most
     * {@code factorAttemptsLeft}, for factors that keep a count of their own).
     */
    public DomainError wrongCode(String username, UUID accountId, String reason, String code, String detail,
                                      int factorAttemptsLeft) {
        int left = recordFailure(username, accountId, reason);
        if (left == 0) {
            return lockedNow();
        }
        return new DomainError.NotAuthenticated(code, detail).with("attemptsLeft", Math.min(left, factorAttemptsLeft));
    }

    public DomainError wrongCode(String username, UUID accountId, String reason, String code, String detail) {
        return wrongCode(username, accountId, reason, code, detail, Integer.MAX_VALUE);
    }

    /** The budget a wrong password spends: the username's, or for a staff account the username's at this address. */
    static String passwordKey(String username, Optional<Account> account, String clientAddress) {
        return account.filter(Account::isStaff).isPresent() ? username + " from " + clientAddress : username;
    }

    /** Forgets the username's failures, those counted per address too. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reset(String username) {
        LoginThrottle.delete("username = ?1 or substring(username, 1, length(?2)) = ?2", username, username + " from ");
    }

    public DomainError lockedNow() {
        return locked(config.duration());
    }

    static DomainError locked(Duration remaining) {
        long seconds = Math.max(1, remaining.toSeconds() + (remaining.toMillisPart() > 0 ? 1 : 0));
        long minutes = Math.max(1, (seconds + 59) / 60);
        return new DomainError.Limited("account_locked", "Too many failed attempts. Try again in " + minutes + (minutes == 1 ? " minute." : " minutes."))
                .retryAfter(seconds)
                .with("retryAfterSeconds", seconds);
    }
}
