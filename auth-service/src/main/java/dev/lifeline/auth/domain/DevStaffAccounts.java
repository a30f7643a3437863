package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.commons.codec.binary.Base32;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The local stack's staff: two support agents (two are needed to approve a recovery), one
 * operator and one admin, all with the documented dev-only password and the documented dev-only authenticator
 * secret (staff need a second factor beyond SMS). Made at start-up when absent, and only when
 * {@code lifeline.auth.dev-staff.enabled} is set, which the production profile never does.
 */
@ApplicationScoped
public class DevStaffAccounts {

    private static final Logger LOG = Logger.getLogger(DevStaffAccounts.class);
    static final Map<String, String> STAFF = Map.of("agent1", Account.AGENT, "agent2", Account.AGENT, "ops1", Account.OPS,
            "admin1", Account.ADMIN);
    /** Base32, as typed into an authenticator app or given to {@code oathtool --totp -b}. */
    public static final String DEV_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

    private final AuthConfig.DevStaff config;
    private final PasswordHasher hasher;
    private final Accounts accounts;
    private final TotpSecrets secrets;

    public DevStaffAccounts(AuthConfig config, PasswordHasher hasher, Accounts accounts, TotpSecrets secrets) {
        this.config = config.devStaff();
        this.hasher = hasher;
        this.accounts = accounts;
        this.secrets = secrets;
    }

    void seed(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        STAFF.forEach((username, role) -> {
            if (QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).isPresent())) {
                return;
            }
            String passwordHash = hasher.hash(config.password());
            // instances starting together: one makes the account, the others find it made
            boolean created = QuarkusTransaction.requiringNew().call(() -> {
                Panache.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('dev-staff'))").getSingleResult();
                if (Account.findByUsername(username).isPresent()) {
                    return false;
                }
                Account account = accounts.create(username, username + "@lifeline.local", passwordHash, Account.USER, role);
                account.totpSecret = secrets.encrypt(account.id, new Base32().decode(DEV_TOTP_SECRET));
                return true;
            });
            if (created) {
                LOG.infof("dev-only staff account %s (%s) created, with the dev-only authenticator secret", username, role);
            }
        });
    }
}
