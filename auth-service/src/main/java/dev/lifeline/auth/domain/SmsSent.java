package dev.lifeline.auth.domain;

/** A code is on its way; the next one may be asked for after {@code resendAfterSeconds}. */
public record SmsSent(String maskedPhone, long resendAfterSeconds) {
}
