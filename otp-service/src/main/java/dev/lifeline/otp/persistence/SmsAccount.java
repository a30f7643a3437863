package dev.lifeline.otp.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An established account: it has received an SMS code and used it, so its phone is proven to work. */
@Entity
@Table(name = "sms_account")
public class SmsAccount extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "first_code_used_at")
    public Instant firstCodeUsedAt;

    public static boolean isEstablished(UUID accountId) {
        return findById(accountId) != null;
    }

    public static void establish(UUID accountId, Instant at) {
        Panache.getEntityManager().createNativeQuery(
                        "INSERT INTO sms_account (account_id, first_code_used_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, accountId)
                .setParameter(2, at)
                .executeUpdate();
    }
}
