package dev.lifeline.tickets.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
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

    public static List<TicketRequest> of(UUID ticketId) {
        return list("ticketId = ?1 order by requestedAt", ticketId);
    }

    public static long countFromIpSince(String ip, Instant since) {
        return count("requesterIp = ?1 and requestedAt > ?2", ip, since);
    }

    public static long countForUsernameSince(String username, Instant since) {
        return count("username = ?1 and requestedAt > ?2", username, since);
    }

    public static boolean tracks(UUID ticketId, byte[] trackingCodeHash) {
        return count("ticketId = ?1 and trackingCodeHash = ?2", ticketId, trackingCodeHash) > 0;
    }
}
