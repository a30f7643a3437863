package dev.lifeline.otp.persistence;

import dev.lifeline.otp.domain.FleetBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.quarkus.hibernate.orm.panache.Panache;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Each instance's providers' breakers, one row per instance and provider, renewed every tick. */
public final class SmsBreakerReport {

    private SmsBreakerReport() {
    }

    public static void save(String instance, String provider, CircuitBreaker.State state, Double successRate, Instant at) {
        Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO sms_breaker_report (instance_id, provider, state, success_rate, reported_at)
                        VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (instance_id, provider)
                        DO UPDATE SET state = excluded.state, success_rate = excluded.success_rate, reported_at = excluded.reported_at""")
                .setParameter(1, instance).setParameter(2, provider).setParameter(3, state.name())
                .setParameter(4, successRate).setParameter(5, at)
                .executeUpdate();
    }

    public static List<FleetBreakers.Reported> since(Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                        SELECT instance_id, provider, state, success_rate, reported_at FROM sms_breaker_report
                        WHERE reported_at >= ?1""")
                .setParameter(1, since)
                .getResultList();
        return rows.stream().map(row -> new FleetBreakers.Reported((String) row[0], (String) row[1],
                CircuitBreaker.State.valueOf((String) row[2]), row[3] == null ? null : ((Number) row[3]).doubleValue(),
                instant(row[4]))).toList();
    }

    /** Instances that stopped long ago leave rows behind; the judge clears them. */
    public static void forgetBefore(Instant before) {
        Panache.getEntityManager().createNativeQuery("DELETE FROM sms_breaker_report WHERE reported_at < ?1")
                .setParameter(1, before).executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
