package dev.lifeline.tickets.domain;

import dev.lifeline.observability.OpsHistory;
import dev.lifeline.tickets.config.TicketConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The recovery queue over the last hours, for the /ops charts, from the tickets themselves: at the end of
 * each interval, how many tickets were open (not yet done or cancelled) and how many of those waited on an
 * agent past their SLA's due time. A ticket's state between its opening and its last change is not kept, so a
 * ticket closed (or on hold) now counts as open (and waiting) until its last change.
 */
@ApplicationScoped
public class QueueHistory {

    @Inject
    Clock clock;

    public record Point(Instant at, long open, long pastSla) {
    }

    public record History(Instant from, Instant to, long intervalSeconds, long slaSeconds, List<Point> points) {
    }

    private final Duration sla;

    public QueueHistory(TicketConfig config) {
        this.sla = config.sla();
    }

    @SuppressWarnings("unchecked")
    public History last(Duration span, Duration interval) {
        Instant to = clock.instant();
        Instant from = to.minus(span);
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery("""
                SELECT t.at, count(k.id), count(k.id) FILTER (WHERE k.due_by <= t.at AND (k.status IN ('OPEN', 'CLAIMED') OR k.updated_at > t.at))
                FROM generate_series(CAST(?1 AS timestamptz), CAST(?2 AS timestamptz), make_interval(secs => ?3)) AS t(at)
                LEFT JOIN ticket k ON k.opened_at <= t.at AND (k.status IN ('OPEN', 'CLAIMED', 'ON_HOLD', 'APPROVED') OR k.updated_at > t.at)
                GROUP BY t.at ORDER BY t.at""")
                .setParameter(1, from.plus(interval)).setParameter(2, to).setParameter(3, interval.toSeconds()).getResultList());
        return new History(from, to, interval.toSeconds(), sla.toSeconds(), rows.stream()
                .map(row -> new Point(OpsHistory.instant(row[0]), ((Number) row[1]).longValue(), ((Number) row[2]).longValue())).toList());
    }
}
