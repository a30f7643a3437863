package dev.lifeline.auth.domain;

import dev.lifeline.observability.OpsHistory;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sign-ins over the last hours, for ops without Grafana at hand: how many completed with each factor, and
 * how many people with SMS were pointed at each other factor because texts could not be used. Kept in
 * PostgreSQL (every instance writes, any instance answers), one insert per event, for eight days.
 */
@ApplicationScoped
public class SignInHistory {

    static final String SIGNED_IN = "SIGNED_IN";
    static final String ROUTED = "ROUTED";

    @Inject
    Clock clock;

    /** What happened in the interval starting at {@code start}: {@code kind} SIGNED_IN or ROUTED, with {@code factor}. */
    public record Interval(Instant start, String kind, String factor, long count) {
    }

    public record History(Instant from, Instant to, long intervalSeconds, List<Interval> intervals) {
    }

    void record(String kind, String factor) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("INSERT INTO sign_in_record (kind, factor) VALUES (?1, ?2)")
                .setParameter(1, kind).setParameter(2, factor).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    public History last(Duration span, Duration interval) {
        Instant to = clock.instant();
        Instant from = to.minus(span);
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery("""
                SELECT date_bin(make_interval(secs => ?2), at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, factor, count(*) FROM sign_in_record
                WHERE at >= ?1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""")
                .setParameter(1, from).setParameter(2, interval.toSeconds()).getResultList());
        return new History(from, to, interval.toSeconds(), rows.stream().map(row -> new Interval(OpsHistory.instant(row[0]), (String) row[1],
                (String) row[2], ((Number) row[3]).longValue())).toList());
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldRecords() {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("DELETE FROM sign_in_record WHERE at < now() - interval '8 days'").executeUpdate());
    }
}
