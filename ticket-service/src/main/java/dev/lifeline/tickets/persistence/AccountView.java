package dev.lifeline.tickets.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What ticket-service knows of an account, from account.security-events alone. */
@Entity
@Table(name = "account_view")
public class AccountView extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    public String username;

    public String email;

    /** The owner proved they read {@link #email}: only then do recovery notices and cancel links go there. */
    @Column(name = "email_verified")
    public boolean emailVerified;

    @Column(name = "registered_at")
    public Instant registeredAt;

    @Column(name = "sms_enabled")
    public boolean smsEnabled;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    @Column(name = "last_login_method")
    public String lastLoginMethod;

    public static Optional<AccountView> byUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
