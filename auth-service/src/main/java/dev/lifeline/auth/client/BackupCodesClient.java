package dev.lifeline.auth.client;

import dev.lifeline.problem.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * backup-code-service, asked while a person waits: a first set when a second factor is turned on,
 * and the check of a code at sign-in. Timeouts from the REST client, behind a circuit breaker.
 */
@ApplicationScoped
public class BackupCodesClient {

    private final BackupCodesApi api;
    private final CircuitBreaker breaker;

    public BackupCodesClient(@RestClient BackupCodesApi api) {
        this.api = api;
        this.breaker = ServiceBreakers.forService("backup-code-service", 50, Duration.ofSeconds(10));
    }

    public enum Outcome {
        ACCEPTED,
        WRONG,
        ALREADY_USED
    }

    public record Verdict(Outcome outcome, int remaining) {
    }

    @SuppressWarnings("unchecked")
    public List<String> generate(UUID accountId) {
        return call(() -> {
            try (Response response = api.generate(new BackupCodesApi.ForAccount(accountId))) {
                if (response.getStatus() != 201) {
                    throw new ServiceFailed("backup-code-service answered " + response.getStatus());
                }
                return (List<String>) response.readEntity(Map.class).get("codes");
            }
        });
    }

    public Verdict verify(UUID accountId, String code) {
        return call(() -> {
            try (Response response = api.verify(new BackupCodesApi.Attempt(accountId, code))) {
                return switch (response.getStatus()) {
                    case 200 -> new Verdict(Outcome.ACCEPTED, ((Number) response.readEntity(Map.class).get("remaining")).intValue());
                    case 401 -> new Verdict(Outcome.WRONG, 0);
                    case 409 -> new Verdict(Outcome.ALREADY_USED, 0);
                    default -> throw new ServiceFailed("backup-code-service answered " + response.getStatus());
                };
            }
        });
    }

    private <T> T call(Supplier<T> request) {
        try {
            return breaker.executeSupplier(request);
        } catch (CallNotPermittedException | ProcessingException | ServiceFailed e) {
            throw new ProblemException(503, "backup_codes_unavailable", "Service Unavailable",
                    "Backup codes cannot be handled right now; try again in a minute.")
                    .withHeader("Retry-After", "30");
        }
    }

    static final class ServiceFailed extends RuntimeException {
        ServiceFailed(String message) {
            super(message, null, false, false);
        }
    }
}
