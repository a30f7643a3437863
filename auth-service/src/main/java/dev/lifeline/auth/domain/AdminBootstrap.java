package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.problem.DomainError;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * The first admin of a new installation. While no account holds the admin role, one token may
 * create one ({@code POST /api/admin/bootstrap}): either the operator configured it
 * ({@code lifeline.auth.admin-bootstrap.token}, from the secret store), or the first instance to start
 * prints one to its log, valid for a day, and a later start prints a new one only when it expired.
 * Only the token's hash is stored; it works once, and not at all once an admin exists.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private static final Duration PRINTED_TOKEN_LIFETIME = Duration.ofDays(1);

    private final Optional<String> configuredToken;
    private final StaffAdministration staff;

    public AdminBootstrap(AuthConfig config, StaffAdministration staff) {
        this.configuredToken = config.adminBootstrap().token().filter(token -> !token.isBlank());
        this.staff = staff;
    }

    void onStart(@Observes StartupEvent event) {
        if (QuarkusTransaction.requiringNew().call(AdminBootstrap::adminExists)) {
            return;
        }
        if (configuredToken.isPresent()) {
            LOG.info("No admin yet: create the first with POST /api/admin/bootstrap and the configured lifeline.auth.admin-bootstrap.token");
            return;
        }
        issueToken().ifPresentOrElse(
                // the one secret this service ever logs, on purpose: it is how the installer gets in, once
                token -> LOG.warnf("No admin yet. Create the first within a day: POST /api/admin/bootstrap "
                        + "{\"token\": \"%s\", \"username\": \"…\", \"email\": \"…\"}", token),
                () -> LOG.info("No admin yet; an earlier start printed the one-time token for POST /api/admin/bootstrap"));
    }

    /** A new token, unless one issued earlier is still unexpired: of several instances starting together, one issues it. */
    Optional<String> issueToken() {
        String token = BearerSecrets.newSecret();
        int issued = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO admin_bootstrap (id, token_hash, issued_at, expires_at)
                        VALUES (1, ?1, now(), now() + make_interval(secs => ?2))
                        ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, issued_at = excluded.issued_at,
                          expires_at = excluded.expires_at
                        WHERE admin_bootstrap.expires_at < now()""")
                .setParameter(1, BearerSecrets.hash(token))
                .setParameter(2, PRINTED_TOKEN_LIFETIME.toSeconds())
                .executeUpdate());
        return issued == 1 ? Optional.of(token) : Optional.empty();
    }

    /** The first admin: an account whose owner sets the password with the link emailed to {@code email}. */
    public Account createFirstAdmin(String token, String username, String email) {
        boolean accepted = QuarkusTransaction.requiringNew().call(() -> {
            if (adminExists()) {
                return false;
            }
            if (configuredToken.isPresent()) {
                return MessageDigest.isEqual(configuredToken.get().getBytes(StandardCharsets.UTF_8),
                        token.getBytes(StandardCharsets.UTF_8));
            }
            // the row goes with its use, so a token works once even when two requests race
            return Panache.getEntityManager().createNativeQuery(
                            "DELETE FROM admin_bootstrap WHERE id = 1 AND token_hash = ?1 AND expires_at > now()")
                    .setParameter(1, BearerSecrets.hash(token))
                    .executeUpdate() == 1;
        });
        if (!accepted) {
            throw new DomainError.Refused("bootstrap_refused", "This token does not create an admin: it is wrong, expired or used, or an admin exists already.");
        }
        return staff.create(StaffAdministration.Actor.BOOTSTRAP, username, email, Account.ADMIN);
    }

    private static boolean adminExists() {
        return ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM account WHERE 'admin' = ANY (roles) AND disabled_at IS NULL")
                .getSingleResult()).intValue() > 0;
    }
}
