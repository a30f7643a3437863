package dev.lifeline.backupcodes.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The live set of an account (or a voided one). Its row lock serialises the uses of its codes. */
@Entity
@Table(name = "backup_code_set")
public class BackupCodeSet extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    public int total;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "voided_at")
    public Instant voidedAt;

    public static Optional<BackupCodeSet> liveOf(UUID accountId) {
        return find("accountId = ?1 and voidedAt is null", accountId).firstResultOptional();
    }

    public static Optional<BackupCodeSet> liveOfForUpdate(UUID accountId) {
        return find("accountId = ?1 and voidedAt is null", accountId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public long remaining() {
        return BackupCode.count("setId = ?1 and usedAt is null", id);
    }
}
