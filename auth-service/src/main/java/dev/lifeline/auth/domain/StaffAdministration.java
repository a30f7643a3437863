package dev.lifeline.auth.domain;

import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.StaffAudit;
import dev.lifeline.problem.DomainError;
import dev.lifeline.security.Usernames;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What an admin does to staff accounts: makes one (agent, ops or admin), resets its sign-in, or
 * disables it; each act is written to the staff audit in the transaction that does it. A new or
 * reset staff account has no usable password: its owner sets one with a link sent to its email,
 * then must add an authenticator app or a passkey before its tokens carry the staff role
 * ({@link Account#roleSet()}). Admins act on other accounts only, so the last admin cannot lock
 * everyone out by accident.
 */
@ApplicationScoped
public class StaffAdministration {

    private static final Logger LOG = Logger.getLogger(StaffAdministration.class);
    public static final String CREATED = "staff_created";
    public static final String FACTORS_RESET = "staff_factors_reset";
    public static final String DISABLED = "staff_disabled";

    @Inject
    Clock clock;

    /** Who acts: an admin's account, or the one-time bootstrap (no account). */
    public record Actor(UUID accountId, String username) {
        static final Actor BOOTSTRAP = new Actor(null, "bootstrap");
    }

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final Passwords passwords;
    private final AccountRecovery recovery;

    public StaffAdministration(Accounts accounts, PasswordHasher hasher, Passwords passwords, AccountRecovery recovery) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.passwords = passwords;
        this.recovery = recovery;
    }

    /** A new staff account; its owner gets an email with a link to set the password. */
    public Account create(Actor actor, String username, String email, String role) {
        if (!Account.STAFF_ROLES.contains(role)) {
            throw new DomainError.Invalid("unknown_role", "A staff role is one of " + Account.STAFF_ROLES + ".");
        }
        String normalized = Usernames.normalize(username);
        String normalizedEmail = email.trim().toLowerCase(Locale.ROOT);
        // nobody knows this password: the owner replaces it through the emailed link
        String unusable = hasher.hash(BearerSecrets.newSecret());
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (Account.findByUsername(normalized).isPresent()) {
                    throw usernameTaken();
                }
                Account account = accounts.create(normalized, normalizedEmail, unusable, Account.USER, role);
                passwords.requireReset(account, "Your Lifeline staff account",
                        actor.username() + " made you a Lifeline staff account \"" + account.username + "\" (" + role + ").",
                        "Then sign in and add an authenticator app or a passkey in Security settings: staff tools need one.");
                StaffAudit.record(actor.accountId(), actor.username(), CREATED, account, "role " + role);
                LOG.infof("%s created staff account %s (%s)", actor.username(), account.id, role);
                return account;
            });
        } catch (ConstraintViolationException e) {
            throw usernameTaken();
        }
    }

    /** The staff accounts, newest first, disabled ones too. */
    public List<Account> list() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = Panache.getEntityManager()
                    .createNativeQuery("SELECT id FROM account WHERE roles && CAST(?1 AS TEXT[])", UUID.class)
                    .setParameter(1, "{" + String.join(",", Account.STAFF_ROLES) + "}")
                    .getResultList();
            return ids.isEmpty() ? List.<Account>of() : Account.<Account>list("id in ?1 order by createdAt desc", ids);
        });
    }

    /**
     * Lost phone, left the team for a while, suspected compromise: every factor and session gone,
     * the password replaced through a link to the account's email, a new factor needed before the
     * staff role counts again.
     */
    public void resetFactors(Actor actor, UUID staffId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Account staff = staffToChange(actor, staffId);
            int sessions = recovery.startOver(staff, "staff sign-in reset by " + actor.username(), "Your Lifeline staff sign-in was reset",
                    actor.username() + " reset the sign-in of your Lifeline staff account \"" + staff.username
                            + "\": its password, second factors and sessions no longer work.",
                    "Then sign in and add an authenticator app or a passkey again: staff tools need one.");
            StaffAudit.record(actor.accountId(), actor.username(), FACTORS_RESET, staff, sessions + " sessions ended");
            LOG.infof("%s reset the factors of staff account %s", actor.username(), staff.id);
        });
    }

    /** The account never signs in again; its sessions end now. */
    public void disable(Actor actor, UUID staffId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Account staff = staffToChange(actor, staffId);
            if (staff.disabled()) {
                return;
            }
            staff.disabledAt = clock.instant();
            int sessions = recovery.endEverySignIn(staff, "staff account disabled by " + actor.username());
            StaffAudit.record(actor.accountId(), actor.username(), DISABLED, staff, sessions + " sessions ended");
            LOG.infof("%s disabled staff account %s", actor.username(), staff.id);
        });
    }

    public List<StaffAudit> audit(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> StaffAudit.newest(limit));
    }

    private static Account staffToChange(Actor actor, UUID staffId) {
        if (staffId.equals(actor.accountId())) {
            throw new DomainError.Conflict("own_account", "Admins do not reset or disable their own account: ask another admin.");
        }
        Account staff = Account.findById(staffId, LockModeType.PESSIMISTIC_WRITE);
        if (staff == null || !staff.isStaff()) {
            throw new DomainError.NotFound("staff_not_found", "No staff account has this id.");
        }
        return staff;
    }

    private static DomainError usernameTaken() {
        return new DomainError.Conflict("username_taken", "This username is taken; choose another.");
    }
}
