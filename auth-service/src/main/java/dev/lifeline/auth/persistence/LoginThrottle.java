package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Failed sign-in steps of one username (existing or not) within the current window. */
@Entity
@Table(name = "login_throttle")
public class LoginThrottle extends PanacheEntityBase {

    @Id
    public String username;

    public int failures;

    @Column(name = "window_started_at")
    public Instant windowStartedAt;

    @Column(name = "locked_until")
    public Instant lockedUntil;
}
