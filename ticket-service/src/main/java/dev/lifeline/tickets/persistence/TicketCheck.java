package dev.lifeline.tickets.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The latest result of one identity check on a ticket by one agent: each approver does every check
 * themselves. The audit keeps every earlier result.
 */
@Entity
@Table(name = "ticket_check")
@IdClass(TicketCheck.Key.class)
public class TicketCheck extends PanacheEntityBase {

    public record Key(UUID ticketId, String name, String byAgent) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Id
    public String name;

    public boolean passed;

    public String note;

    @Id
    @Column(name = "by_agent")
    public String byAgent;

    public Instant at;

    /** The result of {@code agent}'s check {@code name}, replacing their earlier one. */
    public static void record(UUID ticketId, String name, String agent, boolean passed, String note) {
        TicketCheck check = TicketCheck.<TicketCheck>findByIdOptional(new Key(ticketId, name, agent)).orElseGet(TicketCheck::new);
        boolean isNew = check.ticketId == null;
        check.ticketId = ticketId;
        check.name = name;
        check.passed = passed;
        check.note = note;
        check.byAgent = agent;
        check.at = Instant.now();
        if (isNew) {
            check.persist();
        }
    }

    public static List<TicketCheck> of(UUID ticketId) {
        return list("ticketId", ticketId);
    }

    public static List<TicketCheck> of(UUID ticketId, String agent) {
        return list("ticketId = ?1 and byAgent = ?2", ticketId, agent);
    }
}
