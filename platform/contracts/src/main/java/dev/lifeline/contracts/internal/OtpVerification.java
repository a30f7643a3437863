package dev.lifeline.contracts.internal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/**
 * {@code POST /internal/otp/verifications} on otp-service, called by auth-service with a service
 * token while a person waits: is this the code sent for this challenge? The verdict is the answer's
 * body (200), whatever it is; a non-200 status means the call itself failed.
 */
public final class OtpVerification {

    public static final String PATH = "/internal/otp/verifications";

    private OtpVerification() {
    }

    public record Request(@NotNull UUID challengeId,
                          @NotNull @Pattern(regexp = "[0-9]{6}", message = "six digits") String code) {
    }

    public enum Outcome {
        VERIFIED,
        WRONG_CODE,
        EXPIRED,
        TOO_MANY_ATTEMPTS,
        ALREADY_USED,
        NOT_ISSUED
    }

    /** {@code attemptsLeft} is meaningful for {@link Outcome#WRONG_CODE}. */
    public record Verdict(Outcome outcome, int attemptsLeft) {
    }
}
