package dev.lifeline.auth.client;

/** otp-service's answer to a code. {@code attemptsLeft} is meaningful for {@link Outcome#WRONG_CODE}. */
public record OtpVerdict(Outcome outcome, int attemptsLeft) {

    public enum Outcome {
        VERIFIED,
        WRONG_CODE,
        EXPIRED,
        TOO_MANY_ATTEMPTS,
        ALREADY_USED,
        NOT_ISSUED
    }
}
