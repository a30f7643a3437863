package dev.lifeline.auth.persistence;

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

/** One act of staff administration: who did what to which staff account, when. Never changed or deleted. */
@Entity
@Table(name = "staff_audit")
public class StaffAudit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    @Column(name = "actor_id")
    public UUID actorId;

    public String actor;

    public String action;

    @Column(name = "target_id")
    public UUID targetId;

    public String target;

    public String detail;

    public static void record(UUID actorId, String actor, String action, Account target, String detail) {
        StaffAudit entry = new StaffAudit();
        entry.at = Instant.now();
        entry.actorId = actorId;
        entry.actor = actor;
        entry.action = action;
        entry.targetId = target.id;
        entry.target = target.username;
        entry.detail = detail;
        entry.persist();
    }

    public static List<StaffAudit> newest(int limit) {
        return find("order by at desc, id desc").page(0, limit).list();
    }
}
