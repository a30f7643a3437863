package dev.lifeline.tickets.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One line of a ticket's audit trail: who did what, when. Written once, never changed. */
@Entity
@Table(name = "ticket_audit")
public class TicketAudit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id")
    public UUID ticketId;

    public Instant at;

    public String actor;

    public String action;

    public String detail;

    public static List<TicketAudit> of(UUID ticketId) {
        return list("ticketId = ?1 order by id", ticketId);
    }
}
