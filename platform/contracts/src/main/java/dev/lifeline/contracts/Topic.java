package dev.lifeline.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The Kafka topics of Lifeline, with who may write and read each one. The broker's ACLs are made
 * from this list (locally by the dev stack, on Kubernetes by the KafkaUsers in deploy/), so a topic
 * can only be written by its producers and read by its consumers.
 *
 * @param name      the topic name on the broker
 * @param compacted true where only the latest event per key matters (the topic is a state, not a log)
 * @param producers the services whose principals may write it (one, except for the email queue)
 * @param consumers the services whose principals may read it
 * @param retention how long events are kept (compacted topics keep the latest per key regardless)
 */
public record Topic(String name, boolean compacted, Set<String> producers, Set<String> consumers, Duration retention) {

    private static final Duration WEEK = Duration.ofDays(7);

    public static final Topic AUTH_OTP_REQUESTED = new Topic("auth.otp-requested", false,
            Set.of(Services.AUTH), Set.of(Services.OTP), WEEK);
    public static final Topic OTP_DELIVERY_STATUS = new Topic("otp.delivery-status", false,
            Set.of(Services.OTP), Set.of(Services.AUTH), WEEK);
    public static final Topic SMS_CHANNEL_HEALTH = new Topic("sms.channel-health", true,
            Set.of(Services.OTP), Set.of(Services.AUTH), WEEK);
    public static final Topic BACKUP_CODES_EVENTS = new Topic("backup-codes.events", false,
            Set.of(Services.BACKUP_CODES), Set.of(Services.AUTH, Services.OTP), WEEK);
    public static final Topic RECOVERY_TICKETS = new Topic("recovery.tickets", false,
            Set.of(Services.TICKETS), Set.of(Services.AUTH), WEEK);
    public static final Topic ACCOUNT_SECURITY_EVENTS = new Topic("account.security-events", false,
            Set.of(Services.AUTH), Set.of(Services.OTP, Services.TICKETS), WEEK);
    /**
     * Internal: emails for otp-service to send; may carry secret links (a recovery's cancel link, a
     * password reset), so not for outside tools.
     */
    public static final Topic NOTIFY_EMAIL = new Topic("notify.email", false,
            Set.of(Services.TICKETS, Services.AUTH), Set.of(Services.OTP), Duration.ofDays(2));
    /**
     * Sessions that ended (sign-out, revocation, refresh-token reuse, recovery): every service that
     * verifies access tokens reads all of it at start and refuses those sessions' tokens. Kept a day,
     * far longer than an access token lives.
     */
    public static final Topic AUTH_SESSIONS_ENDED = new Topic("auth.sessions-ended", false,
            Set.of(Services.AUTH), Set.of(Services.AUTH, Services.OTP, Services.BACKUP_CODES, Services.TICKETS), Duration.ofDays(1));

    public static final List<Topic> ALL = List.of(
            AUTH_OTP_REQUESTED,
            OTP_DELIVERY_STATUS,
            SMS_CHANNEL_HEALTH,
            BACKUP_CODES_EVENTS,
            RECOVERY_TICKETS,
            ACCOUNT_SECURITY_EVENTS,
            NOTIFY_EMAIL,
            AUTH_SESSIONS_ENDED);
}
