package dev.lifeline.tickets.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One agent's approval of a ticket; the key allows one per agent, so two mean two people. */
@Entity
@Table(name = "ticket_approval")
@IdClass(TicketApproval.Key.class)
public class TicketApproval extends PanacheEntityBase {

    public record Key(UUID ticketId, String agent) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @jakarta.persistence.Column(name = "ticket_id")
    public UUID ticketId;

    @Id
    public String agent;

    public String note;

    public Instant at;

    public static List<TicketApproval> of(UUID ticketId) {
        return list("ticketId = ?1 order by at", ticketId);
    }
}
