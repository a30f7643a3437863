package dev.lifeline.otp.domain;

import dev.lifeline.otp.config.OtpConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database says about the SMS channel: delivery receipts per provider, and how many of the
 * codes sent were used, now and in the baseline period before.
 */
@ApplicationScoped
public class SmsChannelSignals {

    private final OtpConfig.Health config;

    public SmsChannelSignals(OtpConfig config) {
        this.config = config.health();
    }

    /** Messages handed to a provider within the window, and how many of them were confirmed delivered. */
    public record Receipts(long sent, long delivered) {
        public Double rate() {
            return sent == 0 ? null : (double) delivered / sent;
        }

        public static Receipts sum(Collection<Receipts> all) {
            return new Receipts(all.stream().mapToLong(Receipts::sent).sum(), all.stream().mapToLong(Receipts::delivered).sum());
        }
    }

    /** Codes issued and used, in the recent window and in the baseline period just before it. */
    public record Conversion(Receipts recent, Receipts baseline) {
    }

    /** Counted only once a receipt is overdue: a message sent a moment ago says nothing yet. */
    public Map<String, Receipts> receiptsByProvider() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                    SELECT provider, count(*), count(delivered_at) FROM sms_message
                    WHERE sent_at IS NOT NULL
                      AND sent_at > now() - make_interval(secs => ?1)
                      AND sent_at < now() - make_interval(secs => ?2)
                    GROUP BY provider""")
                    .setParameter(1, seconds(config.window()))
                    .setParameter(2, seconds(config.receiptGrace()))
                    .getResultList();
            Map<String, Receipts> byProvider = new HashMap<>();
            for (Object[] row : rows) {
                byProvider.put((String) row[0], new Receipts(((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
            }
            return byProvider;
        });
    }

    public Conversion conversion() {
        OtpConfig.Conversion conversion = config.conversion();
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) Panache.getEntityManager().createNativeQuery("""
                    SELECT count(*)           FILTER (WHERE created_at > now() - make_interval(secs => ?1) AND created_at < now() - make_interval(secs => ?2)),
                           count(consumed_at) FILTER (WHERE created_at > now() - make_interval(secs => ?1) AND created_at < now() - make_interval(secs => ?2)),
                           count(*)           FILTER (WHERE created_at <= now() - make_interval(secs => ?1)),
                           count(consumed_at) FILTER (WHERE created_at <= now() - make_interval(secs => ?1))
                    FROM otp_code
                    WHERE created_at > now() - make_interval(secs => ?3)""")
                    .setParameter(1, seconds(conversion.window()))
                    .setParameter(2, seconds(conversion.grace()))
                    .setParameter(3, seconds(conversion.window().plus(conversion.baseline())))
                    .getSingleResult();
            return new Conversion(new Receipts(count(row[0]), count(row[1])), new Receipts(count(row[2]), count(row[3])));
        });
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
