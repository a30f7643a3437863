package dev.lifeline.auth.client;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.internal.BackupCodeChecks;
import dev.lifeline.hashing.HashingStage;
import dev.lifeline.problem.DomainError;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * backup-code-service, asked while a person waits: a first set when a second factor is turned on,
 * and the check of a code at sign-in. Timeouts from the REST client, behind a circuit breaker.
 */
// made at start: its breaker is on /q/metrics from the first scrape, not from the first sign-in
@Startup
@ApplicationScoped
public class BackupCodesClient {

    private static final Logger LOG = Logger.getLogger(BackupCodesClient.class);

    private final BackupCodesApi api;
    private final ServiceTokens serviceTokens;
    private final CircuitBreaker breaker;

    public BackupCodesClient(@RestClient BackupCodesApi api, ServiceTokens serviceTokens, ServiceBreakers breakers) {
        this.api = api;
        this.serviceTokens = serviceTokens;
        this.breaker = breakers.forService(Services.BACKUP_CODES);
    }

    public List<String> generate(UUID accountId) {
        return call(() -> api.generate(serviceTokens.headerFor(Services.BACKUP_CODES), new BackupCodeChecks.ForAccount(accountId)).codes());
    }

    public BackupCodeChecks.Verdict verify(UUID accountId, String code) {
        return call(() -> api.verify(serviceTokens.headerFor(Services.BACKUP_CODES), new BackupCodeChecks.Attempt(accountId, code)));
    }

    private <T> T call(Supplier<T> request) {
        try {
            return ServiceBreakers.call(breaker, () -> {
                try {
                    return request.get();
                } catch (WebApplicationException e) {
                    if (e.getResponse().getStatus() == 503) {
                        // its hashing stage is full for a moment: busy, not broken (the breaker ignores it)
                        throw new HashingStage.Saturated();
                    }
                    throw e;
                }
            });
        } catch (CallNotPermittedException | ProcessingException | WebApplicationException e) {
            LOG.warnf("backup-code-service could not answer: %s", e.toString());
            throw new DomainError.Unavailable("backup_codes_unavailable", "Backup codes cannot be handled right now; try again in a minute.")
                    .retryAfter(30);
        }
    }
}
