package dev.lifeline.tickets.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The code one agent last sent to a ticket's account address, until a requester types it back. */
@Entity
@Table(name = "ticket_email_code")
@IdClass(TicketEmailCode.Key.class)
public class TicketEmailCode extends PanacheEntityBase {

    public record Key(UUID ticketId, String agent) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Id
    public String agent;

    @Column(name = "code_hash")
    public byte[] codeHash;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public int attempts;

    /** The ticket's codes that may still be typed back, locked for the check. */
    public static List<TicketEmailCode> usableOn(UUID ticketId, Instant now, int maxAttempts) {
        return find("ticketId = ?1 and expiresAt > ?2 and attempts < ?3", ticketId, now, maxAttempts)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
