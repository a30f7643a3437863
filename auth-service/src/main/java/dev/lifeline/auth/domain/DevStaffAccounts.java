package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The local stack's staff: two support agents (two are needed to approve a recovery) and one
 * operator, all with the documented dev-only password. Made at start-up when absent, and only when
 * {@code lifeline.auth.dev-staff.enabled} is set, which the production profile never does.
 */
@ApplicationScoped
public class DevStaffAccounts {

    private static final Logger LOG = Logger.getLogger(DevStaffAccounts.class);
    static final Map<String, String> STAFF = Map.of("agent1", "agent", "agent2", "agent", "ops1", "ops");

    private final AuthConfig.DevStaff config;
    private final PasswordHasher hasher;
    private final Accounts accounts;

    public DevStaffAccounts(AuthConfig config, PasswordHasher hasher, Accounts accounts) {
        this.config = config.devStaff();
        this.hasher = hasher;
        this.accounts = accounts;
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
            QuarkusTransaction.requiringNew().run(() ->
                    accounts.create(username, username + "@lifeline.local", passwordHash, Account.USER, role));
            LOG.infof("dev-only staff account %s (%s) created", username, role);
        });
    }
}
