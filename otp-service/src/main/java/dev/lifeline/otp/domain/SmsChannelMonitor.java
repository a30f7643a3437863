package dev.lifeline.otp.domain;

import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.otp.client.SmsProvider;
import dev.lifeline.otp.client.SmsProviders;
import dev.lifeline.otp.config.OtpConfig;
import dev.lifeline.otp.persistence.SmsChannelStateRow;
import dev.lifeline.outbox.Outbox;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Judges the SMS channel as a whole, every few seconds: DOWN when no provider's breaker lets a
 * message through; DEGRADED when providers accept messages that do not arrive (too few delivery
 * receipts within the window), which is how the 2022 outage looked: no error anywhere; HEALTHY
 * otherwise. A change is published on {@code sms.channel-health} with the reason.
 */
@ApplicationScoped
public class SmsChannelMonitor {

    private static final Logger LOG = Logger.getLogger(SmsChannelMonitor.class);
    /** The key of the channel's events on the compacted topic: the latest one is the state. */
    public static final String CHANNEL = "sms";

    private final SmsProviders providers;
    private final Outbox outbox;
    private final OtpConfig.Health config;
    private final AtomicReference<SmsChannelState> lastJudged = new AtomicReference<>(SmsChannelState.HEALTHY);
    private ScheduledExecutorService scheduler;

    public SmsChannelMonitor(SmsProviders providers, Outbox outbox, OtpConfig config, MeterRegistry meters) {
        this.providers = providers;
        this.outbox = outbox;
        this.config = config.health();
        Gauge.builder("lifeline.sms.channel.state", lastJudged, state -> state.get().ordinal())
                .description("The SMS channel: 0 healthy, 1 degraded, 2 down")
                .register(meters);
    }

    public record Assessment(SmsChannelState state, String reason) {
    }

    public record ProviderHealth(String name, String circuitState, Double successRate, Double deliveryRate) {
    }

    public record Report(SmsChannelState channel, Instant since, String reason, List<ProviderHealth> providers,
                         Double conversionRate) {
    }

    /** Sent and delivered messages of one provider within the window. */
    private record Receipts(long sent, long delivered) {
        Double rate() {
            return sent == 0 ? null : (double) delivered / sent;
        }
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sms-channel-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.evaluateEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::evaluateQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    public Report report() {
        Map<String, Receipts> receipts = receiptsByProvider();
        SmsChannelStateRow current = QuarkusTransaction.requiringNew().call(SmsChannelStateRow::current);
        List<ProviderHealth> health = providers.inOrder().stream()
                .map(p -> new ProviderHealth(p.name(), p.state().name(), p.successRate(),
                        receipts.getOrDefault(p.name(), new Receipts(0, 0)).rate()))
                .toList();
        return new Report(current.state, current.since, current.reason, health, conversionRate());
    }

    Assessment assess() {
        List<SmsProvider> all = providers.inOrder();
        if (all.stream().allMatch(p -> p.state() == CircuitBreaker.State.OPEN || p.state() == CircuitBreaker.State.FORCED_OPEN)) {
            return new Assessment(SmsChannelState.DOWN, "No SMS provider is accepting messages.");
        }
        Receipts total = receiptsByProvider().values().stream()
                .reduce(new Receipts(0, 0), (a, b) -> new Receipts(a.sent() + b.sent(), a.delivered() + b.delivered()));
        if (total.sent() >= config.minimumMessages() && total.rate() < config.minimumDeliveryRate()) {
            return new Assessment(SmsChannelState.DEGRADED, String.format(
                    "Text messages are accepted but not arriving: %d of the last %d were delivered.", total.delivered(), total.sent()));
        }
        List<String> failing = all.stream().filter(p -> p.state() == CircuitBreaker.State.OPEN).map(SmsProvider::name).toList();
        return new Assessment(SmsChannelState.HEALTHY, failing.isEmpty()
                ? "No problems seen."
                : "Provider " + String.join(", ", failing) + " is failing; messages go through the others.");
    }

    void evaluate() {
        Assessment assessment = assess();
        lastJudged.set(assessment.state());
        QuarkusTransaction.requiringNew().run(() -> {
            SmsChannelStateRow current = SmsChannelStateRow.currentForUpdate();
            if (current.state == assessment.state()) {
                current.reason = assessment.reason();
                return;
            }
            LOG.warnf("SMS channel is now %s (was %s): %s", assessment.state(), current.state, assessment.reason());
            current.state = assessment.state();
            current.reason = assessment.reason();
            current.since = Instant.now();
            outbox.publish(CHANNEL, new SmsChannelHealthChanged(current.state, current.reason, current.since));
        });
    }

    private void evaluateQuietly() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.warnf("could not judge the SMS channel: %s", e.getMessage());
        }
    }

    private Map<String, Receipts> receiptsByProvider() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                    SELECT provider, count(*), count(delivered_at) FROM sms_message
                    WHERE sent_at IS NOT NULL
                      AND sent_at > now() - make_interval(secs => ?1)
                      AND sent_at < now() - make_interval(secs => ?2)
                    GROUP BY provider""")
                    .setParameter(1, config.window().toMillis() / 1000.0)
                    .setParameter(2, config.receiptGrace().toMillis() / 1000.0)
                    .getResultList();
            Map<String, Receipts> byProvider = new HashMap<>();
            for (Object[] row : rows) {
                byProvider.put((String) row[0], new Receipts(((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
            }
            return byProvider;
        });
    }

    /** Share of codes issued in the window that were used to sign in; null when none were issued. */
    private Double conversionRate() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) Panache.getEntityManager().createNativeQuery("""
                    SELECT count(*), count(consumed_at) FROM otp_code
                    WHERE created_at > now() - make_interval(secs => ?1)""")
                    .setParameter(1, config.window().toMillis() / 1000.0)
                    .getSingleResult();
            long issued = ((Number) row[0]).longValue();
            return issued == 0 ? null : ((Number) row[1]).doubleValue() / issued;
        });
    }
}
