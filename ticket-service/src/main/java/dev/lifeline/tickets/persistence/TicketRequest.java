package dev.lifeline.tickets.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One "I can't sign in" request; it has its own tracking code and joins its username's ticket. */
@Entity
@Table(name = "ticket_request")
public class TicketRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "tracking_code_hash")
    public byte[] trackingCodeHash;

    @Column(name = "contact_email")
    public String contactEmail;

    public String details;

    @Column(name = "requester_ip")
    public String requesterIp;

    public String username;

    @Column(name = "requested_at")
    public Instant requestedAt;

    /** Set when the requester withdrew it with their tracking code; the ticket goes on without it. */
    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    public boolean isActive() {
        return withdrawnAt == null;
    }

    public static List<TicketRequest> of(UUID ticketId) {
        return list("ticketId = ?1 order by requestedAt", ticketId);
    }

    public static long countFromIpSince(String ip, Instant since) {
        return count("requesterIp = ?1 and requestedAt > ?2", ip, since);
    }

    public static long countFromContactSince(String contactEmail, Instant since) {
        return count("contactEmail = ?1 and requestedAt > ?2", contactEmail, since);
    }

    /** The request of {@code ticketId} whose tracking code hashes to {@code trackingCodeHash}. */
    public static Optional<TicketRequest> tracked(UUID ticketId, byte[] trackingCodeHash) {
        return find("ticketId = ?1 and trackingCodeHash = ?2", ticketId, trackingCodeHash).firstResultOptional();
    }

    public static long activeOn(UUID ticketId) {
        return count("ticketId = ?1 and withdrawnAt is null", ticketId);
    }
}
