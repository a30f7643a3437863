package dev.lifeline.otp.persistence;

import dev.lifeline.contracts.events.SmsChannelState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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

    /** What the measurements said last, whether or not an override hides it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "judged_state")
    public SmsChannelState judgedState;

    @Column(name = "judged_reason")
    public String judgedReason;

    @Enumerated(EnumType.STRING)
    @Column(name = "override_state")
    public SmsChannelState overrideState;

    @Column(name = "override_reason")
    public String overrideReason;

    @Column(name = "override_by")
    public String overrideBy;

    @Column(name = "override_until")
    public Instant overrideUntil;

    /** When the channel was last judged, by whichever instance. */
    @Column(name = "judged_at")
    public Instant judgedAt;

    /** What that judgement measured, as JSON ({@code SmsChannelMonitor.Measured}). */
    public String measured;

    public boolean overridden(Instant now) {
        return overrideState != null && now.isBefore(overrideUntil);
    }

    public static SmsChannelStateRow current() {
        return findById(1);
    }

    public static SmsChannelStateRow currentForUpdate() {
        return findById(1, LockModeType.PESSIMISTIC_WRITE);
    }
}
