package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A number prefix whose texts looked like pumping: new numbers there get none until it ends or ops lift it. */
@Entity
@Table(name = "sms_prefix_block")
public class SmsPrefixBlock extends PanacheEntityBase {

    @Id
    public String prefix;

    public String country;

    @Column(name = "blocked_at")
    public Instant blockedAt;

    public Instant until;

    public String reason;

    @Column(name = "lifted_at")
    public Instant liftedAt;

    @Column(name = "lifted_by")
    public String liftedBy;

    public boolean activeAt(Instant now) {
        return liftedAt == null && until.isAfter(now);
    }

    public static Optional<SmsPrefixBlock> activeFor(String prefix, Instant now) {
        return SmsPrefixBlock.<SmsPrefixBlock>findByIdOptional(prefix).filter(block -> block.activeAt(now));
    }

    /** Blocks still in force and those that ended in the last day, newest first: what ops see. */
    public static List<SmsPrefixBlock> recent(Instant now) {
        return list("until > ?1 or liftedAt > ?1 order by blockedAt desc", now.minusSeconds(86_400));
    }
}
