package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Lower case; see {@code Usernames}. */
    public String username;

    public String email;

    /** The owner typed back a code sent to {@link #email} ({@code EmailAddresses}). */
    @Column(name = "email_verified")
    public boolean emailVerified;

    /** A PHC string, so the parameters travel with the hash and can be raised later. */
    @Column(name = "password_hash")
    public String passwordHash;

    /** The phone SMS codes go to, in E.164; null until SMS two-factor is confirmed. */
    @Column(name = "sms_phone")
    public String smsPhone;

    /** The authenticator app's secret, encrypted ({@code TotpSecrets}); null until the app is confirmed. */
    @Column(name = "totp_secret")
    public byte[] totpSecret;

    /** A secret shown to the person and not yet confirmed by a code from their app. */
    @Column(name = "totp_pending_secret")
    public byte[] totpPendingSecret;

    /** The last TOTP time step accepted: a code of that step or an earlier one never works again. */
    @Column(name = "totp_last_step")
    public Long totpLastStep;

    /** How many passkeys the account has registered (read-only, counted by the database). */
    @Formula("(select count(*) from passkey p where p.account_id = id)")
    public int passkeyCount;

    @Column(name = "created_at")
    public Instant createdAt;

    /**
     * Always {@code user}; staff also {@code agent}, {@code ops} or {@code admin}. Access tokens carry them as groups,
     * the staff roles only while the account has an authenticator app or a passkey ({@link #roleSet()}).
     */
    public String[] roles = {USER};

    public static final String USER = "user";
    public static final String AGENT = "agent";
    public static final String OPS = "ops";
    /** Creates, resets and disables staff accounts ({@code /api/admin/staff}). */
    public static final String ADMIN = "admin";
    public static final Set<String> STAFF_ROLES = Set.of(AGENT, OPS, ADMIN);
    /** The only role of a recovered account until two-factor is on again: enough to enroll, nothing else. */
    public static final String ENROLLMENT = "enrollment";

    @Column(name = "reenrollment_required")
    public boolean reenrollmentRequired;

    /** After a recovery: the password no longer signs in until a new one is set with the emailed link. */
    @Column(name = "password_reset_required")
    public boolean passwordResetRequired;

    /** Set by an admin: the account never signs in again, and its sessions ended then. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    public boolean smsEnabled() {
        return smsPhone != null;
    }

    public boolean totpEnabled() {
        return totpSecret != null;
    }

    public boolean passkeyEnabled() {
        return passkeyCount > 0;
    }

    /** A factor that does not depend on the phone network: an authenticator app or a passkey. */
    public boolean hasFactorBeyondSms() {
        return totpEnabled() || passkeyEnabled();
    }

    /** Signing in takes a second step: a passkey, an authenticator app, a text, or a backup code. */
    public boolean hasSecondFactor() {
        return smsEnabled() || hasFactorBeyondSms();
    }

    /** Accepts a code of {@code step} once: false when that step or a later one was accepted before. */
    public static boolean acceptTotpStep(UUID accountId, long step) {
        return update("totpLastStep = ?1 where id = ?2 and (totpLastStep is null or totpLastStep < ?1)", step, accountId) == 1;
    }

    /**
     * What its access tokens may do: only enrolling while re-enrollment is required; else its roles,
     * where a staff role counts only with an app or a passkey: an agent's or operator's password (or
     * a SIM swap) alone must never reach the recovery desk or the SMS override.
     */
    public Set<String> roleSet() {
        if (reenrollmentRequired) {
            return Set.of(ENROLLMENT);
        }
        return hasFactorBeyondSms() ? Set.of(roles) : Set.of(USER);
    }

    /** Has a staff role (agent, ops or admin), whether or not its tokens carry it yet. */
    public boolean isStaff() {
        return Set.of(roles).stream().anyMatch(STAFF_ROLES::contains);
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    public static Optional<Account> findByUsername(String normalizedUsername) {
        return find("username", normalizedUsername).firstResultOptional();
    }
}
