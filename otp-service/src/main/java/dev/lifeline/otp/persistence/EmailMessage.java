package dev.lifeline.otp.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One email, from the event that asked for it until the SMTP server took it. */
@Entity
@Table(name = "email_message")
public class EmailMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Who gets it: these addresses, or, when empty, the owner of {@link #accountId} as known at sending. */
    public String[] recipients;

    @Column(name = "account_id")
    public UUID accountId;

    public String subject;

    public String body;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "next_try_at")
    public Instant nextTryAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    /** Due and unsent, locked, skipping rows another sender holds. */
    @SuppressWarnings("unchecked")
    public static List<EmailMessage> due(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM email_message WHERE sent_at IS NULL AND next_try_at <= ?1
                ORDER BY next_try_at LIMIT ?2 FOR UPDATE SKIP LOCKED""", EmailMessage.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    /** Sent emails may hold secret links: they are not kept once they are old news. */
    public static long purgeSentBefore(Instant before) {
        return delete("sentAt < ?1", before);
    }
}
