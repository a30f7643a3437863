package dev.lifeline.tickets.persistence;

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

/** A security event of an account worth an agent's eye: a failed sign-in or a change. */
@Entity
@Table(name = "account_activity")
public class AccountActivity extends PanacheEntityBase {

    public static final String LOGIN_FAILED = "login_failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id")
    public UUID accountId;

    public String kind;

    public String detail;

    public Instant at;

    public static void record(UUID accountId, String kind, String detail, Instant at) {
        AccountActivity activity = new AccountActivity();
        activity.accountId = accountId;
        activity.kind = kind;
        activity.detail = detail;
        activity.at = at;
        activity.persist();
    }

    public static List<AccountActivity> since(UUID accountId, Instant since) {
        return list("accountId = ?1 and at > ?2 order by at desc", accountId, since);
    }
}
