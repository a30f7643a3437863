package dev.lifeline.auth.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * A second factor, in the order the sign-in page lists them. Its {@link #wireName()} is what clients
 * send and read ({@code method}, {@code recommended}, {@code alternatives}) and what events carry
 * ({@code factor} of {@code TwoFactorEnabled}/{@code TwoFactorDisabled}, {@code method} of
 * {@code LoginSucceeded}).
 */
public enum Factor {
    SMS("sms"),
    BACKUP_CODE("backup_code"),
    TOTP("totp"),
    PASSKEY("passkey");

    /** Every wire name, for a request field's {@code @Pattern} (an annotation needs a constant; {@code FactorTest} keeps it true). */
    public static final String NAMES = "sms|backup_code|totp|passkey";
    public static final String NAMES_RULE = "one of sms, backup_code, totp, passkey";

    private final String wireName;

    Factor(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Codes that are six digits: a text message's and an authenticator app's. */
    public boolean sixDigitCode() {
        return this == SMS || this == TOTP;
    }

    /** The factor a client named; the name was already checked against {@link #NAMES}. */
    public static Factor named(String wireName) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a factor: " + wireName));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
