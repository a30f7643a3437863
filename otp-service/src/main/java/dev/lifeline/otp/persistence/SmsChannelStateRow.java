package dev.lifeline.otp.persistence;

import dev.lifeline.contracts.events.SmsChannelState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;

/** The channel state last published on sms.channel-health. */
@Entity
@Table(name = "sms_channel_state")
public class SmsChannelStateRow extends PanacheEntityBase {

    @Id
    public int id;

    @Enumerated(EnumType.STRING)
    public SmsChannelState state;

    public String reason;

    public Instant since;

    public static SmsChannelStateRow current() {
        return findById(1);
    }

    public static SmsChannelStateRow currentForUpdate() {
        return findById(1, LockModeType.PESSIMISTIC_WRITE);
    }
}
