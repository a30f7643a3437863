package dev.lifeline.contracts;

import dev.lifeline.contracts.events.AccountRecovered;
import dev.lifeline.contracts.events.AccountRegistered;
import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.contracts.events.BackupCodeSetGenerated;
import dev.lifeline.contracts.events.BackupCodeUsed;
import dev.lifeline.contracts.events.BackupCodesExhausted;
import dev.lifeline.contracts.events.BackupCodesRunningLow;
import dev.lifeline.contracts.events.LoginFailed;
import dev.lifeline.contracts.events.LoginSucceeded;
import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.contracts.events.OtpRequested;
import dev.lifeline.contracts.events.EmailAddressChanged;
import dev.lifeline.contracts.events.PasswordChanged;
import dev.lifeline.contracts.events.RecoveryTicketChanged;
import dev.lifeline.contracts.events.SessionsEnded;
import dev.lifeline.contracts.events.SessionsRevoked;
import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.contracts.events.TwoFactorEnabled;

import java.util.Arrays;

/**
 * Every event of Lifeline, once: its wire name (the envelope's {@code type}), its topic and its
 * payload class. Adding an event means adding a payload record and a line here.
 */
public enum EventType {
    OTP_REQUESTED("otp.requested", Topic.AUTH_OTP_REQUESTED, OtpRequested.class),
    OTP_DELIVERY_STATUS_CHANGED("otp.delivery-status-changed", Topic.OTP_DELIVERY_STATUS, OtpDeliveryStatusChanged.class),
    SMS_CHANNEL_HEALTH_CHANGED("sms.channel-health-changed", Topic.SMS_CHANNEL_HEALTH, SmsChannelHealthChanged.class),
    BACKUP_CODE_SET_GENERATED("backup-codes.generated", Topic.BACKUP_CODES_EVENTS, BackupCodeSetGenerated.class),
    BACKUP_CODE_USED("backup-codes.used", Topic.BACKUP_CODES_EVENTS, BackupCodeUsed.class),
    BACKUP_CODES_RUNNING_LOW("backup-codes.running-low", Topic.BACKUP_CODES_EVENTS, BackupCodesRunningLow.class),
    BACKUP_CODES_EXHAUSTED("backup-codes.exhausted", Topic.BACKUP_CODES_EVENTS, BackupCodesExhausted.class),
    RECOVERY_TICKET_CHANGED("recovery.ticket-changed", Topic.RECOVERY_TICKETS, RecoveryTicketChanged.class),
    ACCOUNT_REGISTERED("account.registered", Topic.ACCOUNT_SECURITY_EVENTS, AccountRegistered.class),
    TWO_FACTOR_ENABLED("account.2fa-enabled", Topic.ACCOUNT_SECURITY_EVENTS, TwoFactorEnabled.class),
    TWO_FACTOR_DISABLED("account.2fa-disabled", Topic.ACCOUNT_SECURITY_EVENTS, TwoFactorDisabled.class),
    PASSWORD_CHANGED("account.password-changed", Topic.ACCOUNT_SECURITY_EVENTS, PasswordChanged.class),
    EMAIL_ADDRESS_CHANGED("account.email-changed", Topic.ACCOUNT_SECURITY_EVENTS, EmailAddressChanged.class),
    LOGIN_SUCCEEDED("account.login-succeeded", Topic.ACCOUNT_SECURITY_EVENTS, LoginSucceeded.class),
    LOGIN_FAILED("account.login-failed", Topic.ACCOUNT_SECURITY_EVENTS, LoginFailed.class),
    SESSIONS_REVOKED("account.sessions-revoked", Topic.ACCOUNT_SECURITY_EVENTS, SessionsRevoked.class),
    ACCOUNT_RECOVERED("account.recovered", Topic.ACCOUNT_SECURITY_EVENTS, AccountRecovered.class),
    EMAIL_REQUESTED("notify.email-requested", Topic.NOTIFY_EMAIL, EmailRequested.class),
    SESSIONS_ENDED("auth.sessions-ended", Topic.AUTH_SESSIONS_ENDED, SessionsEnded.class);

    private final String wireName;
    private final Topic topic;
    private final Class<? extends EventPayload> payloadType;

    EventType(String wireName, Topic topic, Class<? extends EventPayload> payloadType) {
        this.wireName = wireName;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    public String wireName() {
        return wireName;
    }

    public Topic topic() {
        return topic;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public static EventType of(String wireName) {
        return Arrays.stream(values())
                .filter(t -> t.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + wireName + "'"));
    }

    public static EventType of(EventPayload payload) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType == payload.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(payload.getClass().getName() + " is not listed in EventType"));
    }
}
