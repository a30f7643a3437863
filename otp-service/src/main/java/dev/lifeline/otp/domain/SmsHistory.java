package dev.lifeline.otp.domain;

import dev.lifeline.observability.OpsHistory;
import dev.lifeline.contracts.events.SmsChannelState;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SMS channel over the last hours, for ops without Grafana at hand: each state it was published in,
 * from when to when and why (kept as it changes), and per provider and interval the texts sent, delivered
 * and whose code was used to sign in (from the messages and codes themselves).
 */
@ApplicationScoped
public class SmsHistory {

    @Inject
    Clock clock;

    /** One stretch of time in one state. {@code until} is null for the state it is in now. */
    public record Period(SmsChannelState state, String reason, Instant from, Instant until) {
    }

    /** What one provider carried in the interval starting at {@code start}. */
    public record Interval(Instant start, String provider, long texts, long delivered, long codesUsed) {
    }

    public record History(Instant from, Instant to, long intervalSeconds, List<Period> states, List<Interval> providers) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void changed(SmsChannelState state, String reason, Instant at) {
        Panache.getEntityManager().createNativeQuery("INSERT INTO sms_channel_change (state, reason, changed_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, state.name()).setParameter(2, reason).setParameter(3, at).executeUpdate();
    }

    public History last(Duration span, Duration interval) {
        Instant to = clock.instant();
        Instant from = to.minus(span);
        return QuarkusTransaction.requiringNew().call(() -> new History(from, to, interval.toSeconds(), periods(from), intervals(from, interval)));
    }

    @SuppressWarnings("unchecked")
    private static List<Period> periods(Instant from) {
        // the change in force at the start of the window, then every change after it
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                (SELECT state, reason, changed_at FROM sms_channel_change WHERE changed_at <= ?1 ORDER BY changed_at DESC, id DESC LIMIT 1)
                UNION ALL
                (SELECT state, reason, changed_at FROM sms_channel_change WHERE changed_at > ?1 ORDER BY changed_at, id)
                ORDER BY 3""").setParameter(1, from).getResultList();
        if (rows.isEmpty()) {
            // never changed since the database was made: the state it started in
            rows = Panache.getEntityManager().createNativeQuery("SELECT state, reason, since FROM sms_channel_state").getResultList();
        }
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            Instant start = OpsHistory.instant(row[2]);
            Instant until = i + 1 < rows.size() ? OpsHistory.instant(rows.get(i + 1)[2]) : null;
            periods.add(new Period(SmsChannelState.valueOf((String) row[0]), (String) row[1], start.isBefore(from) ? from : start, until));
        }
        return periods;
    }

    @SuppressWarnings("unchecked")
    private static List<Interval> intervals(Instant from, Duration interval) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                SELECT date_bin(make_interval(secs => ?2), m.requested_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS start, m.provider, count(*),
                       count(*) FILTER (WHERE m.status = 'DELIVERED'), count(*) FILTER (WHERE c.consumed_at IS NOT NULL)
                FROM sms_message m LEFT JOIN otp_code c ON c.challenge_id = m.challenge_id
                WHERE m.requested_at >= ?1 AND m.provider IS NOT NULL
                GROUP BY 1, 2 ORDER BY 1, 2""")
                .setParameter(1, from).setParameter(2, interval.toSeconds()).getResultList();
        return rows.stream().map(row -> new Interval(OpsHistory.instant(row[0]), (String) row[1], ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue())).toList();
    }
}
