package dev.lifeline.tickets.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One "this wasn't me" link sent to an account's address, kept as the hash of its token. */
@Entity
@Table(name = "ticket_cancel_link")
public class TicketCancelLink extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "created_at")
    public Instant createdAt;

    public static boolean cancels(UUID ticketId, byte[] tokenHash) {
        return count("tokenHash = ?1 and ticketId = ?2", tokenHash, ticketId) > 0;
    }
}
