package dev.lifeline.contracts.events;

/** The SMS channel as a whole, as otp-service judges it. */
public enum SmsChannelState {
    HEALTHY,
    DEGRADED,
    DOWN
}
