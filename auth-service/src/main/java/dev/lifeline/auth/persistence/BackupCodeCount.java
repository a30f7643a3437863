package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** How many backup codes an account has left, as backup-code-service last reported. */
@Entity
@Table(name = "backup_code_count")
public class BackupCodeCount extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    public int remaining;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static void record(UUID accountId, int remaining, Instant at) {
        BackupCodeCount count = findById(accountId);
        if (count == null) {
            count = new BackupCodeCount();
            count.accountId = accountId;
            count.remaining = remaining;
            count.updatedAt = at;
            count.persist();
        } else {
            count.remaining = remaining;
            count.updatedAt = at;
        }
    }
}
