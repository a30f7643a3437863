package dev.lifeline.contracts;

import java.util.List;

/**
 * The Kafka topics of Lifeline. Each one has exactly one producing service; see ARCHITECTURE.md.
 *
 * @param name      the topic name on the broker
 * @param compacted true where only the latest event per key matters (the topic is a state, not a log)
 */
public record Topic(String name, boolean compacted) {

    public static final Topic AUTH_OTP_REQUESTED = new Topic("auth.otp-requested", false);
    public static final Topic OTP_DELIVERY_STATUS = new Topic("otp.delivery-status", false);
    public static final Topic SMS_CHANNEL_HEALTH = new Topic("sms.channel-health", true);
    public static final Topic BACKUP_CODES_EVENTS = new Topic("backup-codes.events", false);
    public static final Topic RECOVERY_TICKETS = new Topic("recovery.tickets", false);
    public static final Topic ACCOUNT_SECURITY_EVENTS = new Topic("account.security-events", false);
    /** Internal: emails for otp-service to send; may carry secret links, so not for outside tools. */
    public static final Topic NOTIFY_EMAIL = new Topic("notify.email", false);

    public static final List<Topic> ALL = List.of(
            AUTH_OTP_REQUESTED,
            OTP_DELIVERY_STATUS,
            SMS_CHANNEL_HEALTH,
            BACKUP_CODES_EVENTS,
            RECOVERY_TICKETS,
            ACCOUNT_SECURITY_EVENTS,
            NOTIFY_EMAIL);
}
