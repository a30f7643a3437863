package dev.lifeline.backupcodes.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One code of a set: its lookup part as is, its secret part only as an Argon2id hash. */
@Entity
@Table(name = "backup_code")
@IdClass(BackupCode.Key.class)
public class BackupCode extends PanacheEntityBase {

    public record Key(UUID setId, String lookup) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "set_id")
    public UUID setId;

    @Id
    public String lookup;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "used_at")
    public Instant usedAt;

    public static Optional<BackupCode> findCode(UUID setId, String lookup) {
        return find("setId = ?1 and lookup = ?2", setId, lookup).firstResultOptional();
    }

    /** Marks the code used unless it already is: true for exactly one of concurrent callers. */
    public static boolean consume(UUID setId, String lookup, Instant now) {
        return update("usedAt = ?1 where setId = ?2 and lookup = ?3 and usedAt is null", now, setId, lookup) == 1;
    }
}
