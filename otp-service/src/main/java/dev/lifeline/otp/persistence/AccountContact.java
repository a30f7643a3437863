package dev.lifeline.otp.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** An account's email, as auth-service announced it; what otp-service needs to tell the owner. */
@Entity
@Table(name = "account_contact")
public class AccountContact extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    public String email;
}
