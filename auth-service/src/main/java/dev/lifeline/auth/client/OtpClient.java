package dev.lifeline.auth.client;

import dev.lifeline.problem.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Asks otp-service whether a code is right, while a person waits for the answer. The call has a
 * timeout (the REST client's) and sits behind a circuit breaker: when otp-service is failing, people
 * are told at once to use another factor instead of waiting. A refused code is an answer, not a failure.
 */
@ApplicationScoped
public class OtpClient {

    private final OtpVerificationApi api;
    private final CircuitBreaker breaker;

    public OtpClient(@RestClient OtpVerificationApi api,
                     @ConfigProperty(name = "lifeline.auth.otp-breaker.failure-rate", defaultValue = "50") float failureRate,
                     @ConfigProperty(name = "lifeline.auth.otp-breaker.open-for", defaultValue = "PT10S") Duration openFor) {
        this.api = api;
        this.breaker = ServiceBreakers.forService("otp-service", failureRate, openFor);
    }

    public OtpVerdict verify(UUID challengeId, String code) {
        try {
            return breaker.executeSupplier(() -> call(challengeId, code));
        } catch (CallNotPermittedException | ProcessingException | OtpServiceFailed e) {
            throw new ProblemException(503, "otp_unavailable", "Service Unavailable",
                    "Text message codes cannot be checked right now. Use a backup code, or try again in a minute.")
                    .withHeader("Retry-After", "30");
        }
    }

    private OtpVerdict call(UUID challengeId, String code) {
        try (Response response = api.verify(new OtpVerificationApi.VerificationRequest(challengeId, code))) {
            return switch (response.getStatus()) {
                case 200 -> new OtpVerdict(OtpVerdict.Outcome.VERIFIED, 0);
                case 401 -> new OtpVerdict(OtpVerdict.Outcome.WRONG_CODE, attemptsLeft(response));
                case 404 -> new OtpVerdict(OtpVerdict.Outcome.NOT_ISSUED, 0);
                case 409 -> new OtpVerdict(OtpVerdict.Outcome.ALREADY_USED, 0);
                case 410 -> new OtpVerdict(OtpVerdict.Outcome.EXPIRED, 0);
                case 429 -> new OtpVerdict(OtpVerdict.Outcome.TOO_MANY_ATTEMPTS, 0);
                default -> throw new OtpServiceFailed("otp-service answered " + response.getStatus());
            };
        }
    }

    @SuppressWarnings("unchecked")
    private static int attemptsLeft(Response response) {
        Object left = response.readEntity(Map.class).get("attemptsLeft");
        return left instanceof Number n ? n.intValue() : 0;
    }

    /** otp-service answered, but with an error of its own: counts against the breaker. */
    static final class OtpServiceFailed extends RuntimeException {
        OtpServiceFailed(String message) {
            super(message, null, false, false);
        }
    }
}
