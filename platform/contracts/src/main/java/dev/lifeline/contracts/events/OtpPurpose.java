package dev.lifeline.contracts.events;

/**
 * Why a code is texted. Only the texts of people signing in or confirming a change (step-up) judge
 * the SMS channel: enrollment texts go to numbers nobody has proven yet.
 */
public enum OtpPurpose {
    SIGN_IN,
    STEP_UP,
    ENROLLMENT
}
