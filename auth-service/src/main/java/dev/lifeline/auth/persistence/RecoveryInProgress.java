package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A recovery of an account that is under way (open, being checked or on hold), as recovery.tickets told us. */
@Entity
@Table(name = "recovery_in_progress")
public class RecoveryInProgress extends PanacheEntityBase {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "account_id")
    public UUID accountId;

    public String status;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<RecoveryInProgress> of(UUID accountId) {
        return list("accountId = ?1 order by updatedAt", accountId);
    }
}
