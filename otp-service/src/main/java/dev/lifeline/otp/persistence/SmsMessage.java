package dev.lifeline.otp.persistence;

import dev.lifeline.contracts.events.DeliveryStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One SMS carrying a code, from the request to its last known status. */
@Entity
@Table(name = "sms_message")
public class SmsMessage extends PanacheEntityBase {

    public enum Status {
        QUEUED,
        SENT,
        DELIVERED,
        FAILED;

        public DeliveryStatus asDeliveryStatus() {
            return switch (this) {
                case QUEUED, SENT -> DeliveryStatus.SENT;
                case DELIVERED -> DeliveryStatus.DELIVERED;
                case FAILED -> DeliveryStatus.FAILED;
            };
        }
    }

    @Id
    public UUID id;

    @Column(name = "challenge_id")
    public UUID challengeId;

    public String phone;

    @Enumerated(EnumType.STRING)
    public Status status;

    public String provider;

    @Column(name = "provider_sid")
    public String providerSid;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "failure_reason")
    public String failureReason;

    /** A text that judges the channel (see {@code OtpCodes.judgesChannel}). */
    @Column(name = "judges_channel")
    public boolean judgesChannel;

    /** The country calling code of the number, e.g. "44". */
    @Column(name = "country_code")
    public String countryCode;

    /** Queued since before {@code queuedBefore}, or sent before {@code sentBefore} with no receipt; locked, skipping rows others hold. */
    @SuppressWarnings("unchecked")
    public static List<SmsMessage> stuck(Instant queuedBefore, Instant sentBefore) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM sms_message
                WHERE (status = 'QUEUED' AND requested_at < ?1) OR (status = 'SENT' AND sent_at < ?2)
                ORDER BY requested_at LIMIT 100 FOR UPDATE SKIP LOCKED""", SmsMessage.class)
                .setParameter(1, queuedBefore)
                .setParameter(2, sentBefore)
                .getResultList();
    }
}
