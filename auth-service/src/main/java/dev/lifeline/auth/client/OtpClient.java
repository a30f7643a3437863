package dev.lifeline.auth.client;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.internal.OtpVerification;
import dev.lifeline.problem.DomainError;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * Asks otp-service whether a code is right, while a person waits for the answer. The call has a
 * timeout (the REST client's) and sits behind a circuit breaker: when otp-service is failing, people
 * are told at once to use another factor instead of waiting. A refused code is an answer, not a failure.
 */
// made at start: its breaker is on /q/metrics from the first scrape, not from the first sign-in
@Startup
@ApplicationScoped
public class OtpClient {

    private static final Logger LOG = Logger.getLogger(OtpClient.class);

    private final OtpVerificationApi api;
    private final ServiceTokens serviceTokens;
    private final CircuitBreaker breaker;

    public OtpClient(@RestClient OtpVerificationApi api, ServiceTokens serviceTokens, ServiceBreakers breakers) {
        this.api = api;
        this.serviceTokens = serviceTokens;
        this.breaker = breakers.forService(Services.OTP);
    }

    public OtpVerification.Verdict verify(UUID challengeId, String code) {
        try {
            return ServiceBreakers.call(breaker, () -> api.verify(serviceTokens.headerFor(Services.OTP),
                    new OtpVerification.Request(challengeId, code)));
        } catch (CallNotPermittedException | ProcessingException | WebApplicationException e) {
            LOG.warnf("otp-service could not answer: %s", e.toString());
            throw new DomainError.Unavailable("otp_unavailable", "Text message codes cannot be checked right now. Use a backup code, or try again in a minute.")
                    .retryAfter(30);
        }
    }
}
