package dev.lifeline.otp.domain;

import dev.lifeline.otp.config.OtpConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the database says about the SMS channel, from the texts that judge it only (sign-in and
 * step-up codes of established accounts; see {@code OtpCodes.judgesChannel}): delivery receipts per
 * provider and country, and how many of the codes sent were used, now and in the baseline period before.
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

    /** The receipts of the texts one provider carried to one country (calling code, e.g. "44"). */
    public record Route(String provider, String country, Receipts receipts) {

        public static Map<String, Receipts> byProvider(Collection<Route> routes) {
            return sumBy(routes, Route::provider);
        }

        public static Map<String, Receipts> byCountry(Collection<Route> routes) {
            return sumBy(routes, Route::country);
        }

        private static Map<String, Receipts> sumBy(Collection<Route> routes, Function<Route, String> key) {
            Map<String, Receipts> sums = new HashMap<>();
            routes.forEach(route -> sums.merge(key.apply(route), route.receipts(),
                    (a, b) -> new Receipts(a.sent() + b.sent(), a.delivered() + b.delivered())));
            return sums;
        }
    }

    /** Counted only once a receipt is overdue: a message sent a moment ago says nothing yet. */
    public List<Route> receipts() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                    SELECT provider, coalesce(country_code, 'unknown'), count(*), count(delivered_at) FROM sms_message
                    WHERE judges_channel
                      AND sent_at IS NOT NULL
                      AND sent_at > now() - make_interval(secs => ?1)
                      AND sent_at < now() - make_interval(secs => ?2)
                    GROUP BY 1, 2""")
                    .setParameter(1, seconds(config.window()))
                    .setParameter(2, seconds(config.receiptGrace()))
                    .getResultList();
            List<Route> routes = new ArrayList<>();
            for (Object[] row : rows) {
                routes.add(new Route((String) row[0], (String) row[1], new Receipts(count(row[2]), count(row[3]))));
            }
            return routes;
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
                    WHERE judges_channel AND created_at > now() - make_interval(secs => ?3)""")
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
