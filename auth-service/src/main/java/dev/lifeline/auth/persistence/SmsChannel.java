package dev.lifeline.auth.persistence;

import dev.lifeline.contracts.events.SmsChannelState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The SMS channel as otp-service last reported it. */
@Entity
@Table(name = "sms_channel")
public class SmsChannel extends PanacheEntityBase {

    @Id
    public int id;

    @Enumerated(EnumType.STRING)
    public SmsChannelState state;

    public String reason;

    public Instant since;

    public static SmsChannel current() {
        return findById(1);
    }

    public boolean usable() {
        return state == SmsChannelState.HEALTHY;
    }
}
