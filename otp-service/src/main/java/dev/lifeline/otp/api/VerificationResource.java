package dev.lifeline.otp.api;

import dev.lifeline.otp.domain.OtpCodes;
import dev.lifeline.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * Checks a code for auth-service while a person waits. Internal: the gateway routes only /api, so
 * this is reachable from inside the deployment alone.
 */
@Path("/internal/otp/verifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    private final OtpCodes codes;

    public VerificationResource(OtpCodes codes) {
        this.codes = codes;
    }

    public record VerificationRequest(@NotNull UUID challengeId,
                                      @NotNull @Pattern(regexp = "[0-9]{6}", message = "six digits") String code) {
    }

    public record Verified(boolean verified) {
    }

    @POST
    public Verified verify(@NotNull @Valid VerificationRequest request) {
        OtpCodes.Verdict verdict = codes.verify(request.challengeId(), request.code());
        return switch (verdict.outcome()) {
            case VERIFIED -> new Verified(true);
            case WRONG_CODE -> throw new ProblemException(401, "invalid_code", "Unauthorized", "The code is not right.")
                    .with("attemptsLeft", verdict.attemptsLeft());
            case EXPIRED -> throw new ProblemException(410, "code_expired", "Gone", "The code has expired.");
            case TOO_MANY_ATTEMPTS -> throw new ProblemException(429, "too_many_attempts", "Too Many Requests",
                    "Too many wrong attempts for this code.");
            case ALREADY_USED -> throw new ProblemException(409, "code_used", "Conflict", "The code was already used.");
            case NOT_ISSUED -> throw new ProblemException(404, "code_not_found", "Not Found", "No code was issued for this challenge.");
        };
    }
}
