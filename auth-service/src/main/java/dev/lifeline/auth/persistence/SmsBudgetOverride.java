package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The global SMS budget as ops set it (one row, id 1); absent: the configured default. */
@Entity
@Table(name = "sms_budget")
public class SmsBudgetOverride extends PanacheEntityBase {

    @Id
    public int id = 1;

    @Column(name = "per_hour")
    public int perHour;

    @Column(name = "per_day")
    public int perDay;

    @Column(name = "set_by")
    public String setBy;

    @Column(name = "set_at")
    public Instant setAt;
}
