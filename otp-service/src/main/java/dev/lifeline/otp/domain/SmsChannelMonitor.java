package dev.lifeline.otp.domain;

import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.otp.client.SmsProvider;
import dev.lifeline.otp.client.SmsProviders;
import dev.lifeline.otp.config.OtpConfig;
import dev.lifeline.otp.domain.SmsChannelSignals.Conversion;
import dev.lifeline.otp.domain.SmsChannelSignals.Receipts;
import dev.lifeline.otp.persistence.SmsChannelStateRow;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.Problems;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Judges the SMS channel as a whole, every few seconds, and publishes each change on
 * {@code sms.channel-health} with the reason:
 * <ul>
 * <li>DOWN when no provider's breaker lets a message through;</li>
 * <li>DEGRADED when providers accept messages that do not arrive (too few delivery receipts), or
 * when receipts say delivered but people stop using their codes (conversion far below its
 * baseline): this is how the 2022 outage looked, with no error anywhere;</li>
 * <li>HEALTHY otherwise.</li>
 * </ul>
 * An operator may override the judgement for a while, with a reason; the override ends by itself.
 * A half-open breaker counts as usable on purpose: refusing traffic would starve the very probe
 * that lets the breaker close again.
 */
@ApplicationScoped
public class SmsChannelMonitor {

    private static final Logger LOG = Logger.getLogger(SmsChannelMonitor.class);
    /** The key of the channel's events on the compacted topic: the latest one is the state. */
    public static final String CHANNEL = "sms";

    private final SmsProviders providers;
    private final SmsChannelSignals signals;
    private final Outbox outbox;
    private final OtpConfig.Health config;
    private final AtomicReference<Measured> lastMeasured = new AtomicReference<>(Measured.NOTHING);

    public SmsChannelMonitor(SmsProviders providers, SmsChannelSignals signals, Outbox outbox, OtpConfig config,
                             MeterRegistry meters) {
        this.providers = providers;
        this.signals = signals;
        this.outbox = outbox;
        this.config = config.health();
        Gauge.builder("lifeline.sms.channel.state", lastMeasured, m -> m.get().published().ordinal())
                .description("The SMS channel as published: 0 healthy, 1 degraded, 2 down")
                .register(meters);
        Gauge.builder("lifeline.sms.delivery.rate", lastMeasured, m -> orNaN(m.get().receipts().rate()))
                .description("Share of recent messages confirmed delivered (NaN while there are none)")
                .register(meters);
        Gauge.builder("lifeline.sms.conversion.rate", lastMeasured, m -> orNaN(m.get().conversion().recent().rate()))
                .description("Share of recent codes that were used to sign in (NaN while there are none)")
                .register(meters);
        Gauge.builder("lifeline.sms.conversion.baseline.rate", lastMeasured, m -> orNaN(m.get().conversion().baseline().rate()))
                .description("Share of codes used in the baseline period before the recent window")
                .register(meters);
    }

    public record Assessment(SmsChannelState state, String reason) {
    }

    public record ProviderHealth(String name, String circuitState, Double successRate, Double deliveryRate) {
    }

    public record Override(SmsChannelState state, String reason, String by, Instant until) {
    }

    public record Report(SmsChannelState channel, Instant since, String reason, Assessment judged, Override override,
                         List<ProviderHealth> providers, Double deliveryRate, Double conversionRate,
                         Double baselineConversionRate) {
    }

    /** What the last judgement measured; the report and the gauges show it without asking the database again. */
    private record Measured(SmsChannelState published, Map<String, Receipts> byProvider, Conversion conversion) {
        static final Measured NOTHING = new Measured(SmsChannelState.HEALTHY, Map.of(),
                new Conversion(new Receipts(0, 0), new Receipts(0, 0)));

        Receipts receipts() {
            return Receipts.sum(byProvider.values());
        }
    }

    /** The state as published, with what the last judgement (every few seconds) measured. */
    public Report report() {
        Measured measured = lastMeasured.get();
        SmsChannelStateRow current = QuarkusTransaction.requiringNew().call(SmsChannelStateRow::current);
        List<ProviderHealth> health = providers.inOrder().stream()
                .map(p -> new ProviderHealth(p.name(), p.state().name(), p.successRate(),
                        measured.byProvider().getOrDefault(p.name(), new Receipts(0, 0)).rate()))
                .toList();
        Conversion conversion = measured.conversion();
        Assessment judged = current.judgedState == null ? null : new Assessment(current.judgedState, current.judgedReason);
        Override override = current.overridden(Instant.now())
                ? new Override(current.overrideState, current.overrideReason, current.overrideBy, current.overrideUntil)
                : null;
        return new Report(current.state, current.since, current.reason, judged, override, health, measured.receipts().rate(),
                conversion.recent().rate(), conversion.baseline().rate());
    }

    Assessment assess(Receipts receipts, Conversion conversion) {
        List<SmsProvider> all = providers.inOrder();
        if (all.stream().allMatch(p -> p.state() == CircuitBreaker.State.OPEN || p.state() == CircuitBreaker.State.FORCED_OPEN)) {
            return new Assessment(SmsChannelState.DOWN, "No SMS provider is accepting messages.");
        }
        if (receipts.sent() >= config.minimumMessages() && receipts.rate() < config.minimumDeliveryRate()) {
            return new Assessment(SmsChannelState.DEGRADED, String.format(
                    "Text messages are accepted but not arriving: %d of the last %d were delivered.",
                    receipts.delivered(), receipts.sent()));
        }
        OtpConfig.Conversion rule = config.conversion();
        Receipts recent = conversion.recent();
        Receipts baseline = conversion.baseline();
        if (recent.sent() >= rule.minimumCodes() && baseline.sent() >= rule.minimumCodes() && baseline.delivered() > 0
                && recent.rate() < baseline.rate() * rule.minimumShareOfBaseline()) {
            return new Assessment(SmsChannelState.DEGRADED, String.format(
                    "Codes are not being used: %d of the last %d were, against %.0f %% before; texts may not be arriving.",
                    recent.delivered(), recent.sent(), baseline.rate() * 100));
        }
        List<String> failing = all.stream().filter(p -> p.state() == CircuitBreaker.State.OPEN).map(SmsProvider::name).toList();
        return new Assessment(SmsChannelState.HEALTHY, failing.isEmpty()
                ? "No problems seen."
                : "Provider " + String.join(", ", failing) + " is failing; messages go through the others.");
    }

    @Scheduled(every = "${lifeline.otp.health.evaluate-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evaluate() {
        Map<String, Receipts> byProvider = signals.receiptsByProvider();
        Conversion conversion = signals.conversion();
        Assessment judged = assess(Receipts.sum(byProvider.values()), conversion);
        SmsChannelState published = QuarkusTransaction.requiringNew().call(() -> {
            SmsChannelStateRow current = SmsChannelStateRow.currentForUpdate();
            current.judgedState = judged.state();
            current.judgedReason = judged.reason();
            Instant now = Instant.now();
            Assessment effective = current.overridden(now)
                    ? new Assessment(current.overrideState, "Set by operations: " + current.overrideReason)
                    : judged;
            publishIfChanged(current, effective, now);
            return current.state;
        });
        lastMeasured.set(new Measured(published, byProvider, conversion));
    }

    /** Ops' word on the channel until {@code until}; published at once. */
    public Report override(SmsChannelState state, String reason, Duration lasting, String by) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw Problems.badRequest("invalid_reason", "Say why, in at most 500 characters.");
        }
        if (lasting == null || lasting.isNegative() || lasting.isZero() || lasting.compareTo(config.longestOverride()) > 0) {
            throw Problems.badRequest("invalid_expiry",
                    "An override lasts at least a minute and at most " + config.longestOverride().toHours() + " hours.");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            SmsChannelStateRow current = SmsChannelStateRow.currentForUpdate();
            current.overrideState = state;
            current.overrideReason = reason.strip();
            current.overrideBy = by;
            current.overrideUntil = Instant.now().plus(lasting);
        });
        LOG.warnf("SMS channel overridden to %s by %s for %s: %s", state, by, lasting, reason);
        evaluate();
        return report();
    }

    public Report clearOverride(String by) {
        QuarkusTransaction.requiringNew().run(() -> {
            SmsChannelStateRow current = SmsChannelStateRow.currentForUpdate();
            current.overrideState = null;
            current.overrideReason = null;
            current.overrideBy = null;
            current.overrideUntil = null;
        });
        LOG.warnf("SMS channel override ended by %s", by);
        evaluate();
        return report();
    }

    private void publishIfChanged(SmsChannelStateRow current, Assessment effective, Instant now) {
        if (current.state == effective.state()) {
            current.reason = effective.reason();
            return;
        }
        LOG.warnf("SMS channel is now %s (was %s): %s", effective.state(), current.state, effective.reason());
        current.state = effective.state();
        current.reason = effective.reason();
        current.since = now;
        outbox.publish(CHANNEL, new SmsChannelHealthChanged(current.state, current.reason, current.since));
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
