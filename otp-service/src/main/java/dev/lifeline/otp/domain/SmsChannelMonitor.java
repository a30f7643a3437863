package dev.lifeline.otp.domain;

import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.otp.client.SmsProviders;
import dev.lifeline.otp.config.OtpConfig;
import dev.lifeline.otp.domain.SmsChannelSignals.Conversion;
import dev.lifeline.otp.domain.ChannelJudgement.Assessment;
import dev.lifeline.otp.domain.ChannelJudgement.Signals;
import dev.lifeline.otp.domain.SmsChannelSignals.Receipts;
import dev.lifeline.otp.domain.SmsChannelSignals.Route;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the SMS channel's state: every few seconds it gathers the signals ({@link SmsChannelSignals},
 * the providers' breakers), has {@link ChannelJudgement} judge them, applies an operator's override
 * if one stands, and publishes each change on {@code sms.channel-health} with the reason. The
 * override lasts a while and ends by itself.
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
    private final ChannelJudgement.Rules rules;
    private final AtomicReference<Measured> lastMeasured = new AtomicReference<>(Measured.NOTHING);

    public SmsChannelMonitor(SmsProviders providers, SmsChannelSignals signals, Outbox outbox, OtpConfig config,
                             MeterRegistry meters) {
        this.providers = providers;
        this.signals = signals;
        this.outbox = outbox;
        this.config = config.health();
        this.rules = ChannelJudgement.Rules.of(config.health());
        Gauge.builder("lifeline.sms.channel.state", lastMeasured, m -> m.get().published().ordinal())
                .description("The SMS channel as published: 0 healthy, 1 degraded, 2 down")
                .strongReference(true).register(meters);
        Gauge.builder("lifeline.sms.delivery.rate", lastMeasured, m -> orNaN(m.get().receipts().rate()))
                .description("Share of recent messages confirmed delivered (NaN while there are none)")
                .strongReference(true).register(meters);
        Gauge.builder("lifeline.sms.conversion.rate", lastMeasured, m -> orNaN(m.get().conversion().recent().rate()))
                .description("Share of recent codes that were used to sign in (NaN while there are none)")
                .strongReference(true).register(meters);
        Gauge.builder("lifeline.sms.conversion.baseline.rate", lastMeasured, m -> orNaN(m.get().conversion().baseline().rate()))
                .description("Share of codes used in the baseline period before the recent window")
                .strongReference(true).register(meters);
    }

    public record ProviderHealth(String name, String circuitState, Double successRate, Double deliveryRate) {
    }

    public record Override(SmsChannelState state, String reason, String by, Instant until) {
    }

    /** The texts that judge the channel, to one country (calling code): how many went out, and the share delivered. */
    public record CountryHealth(String country, long sent, Double deliveryRate) {
    }

    public record Report(SmsChannelState channel, Instant since, String reason, Assessment judged, Override override,
                         List<ProviderHealth> providers, List<CountryHealth> countries, Double deliveryRate,
                         Double conversionRate, Double baselineConversionRate) {
    }

    /** What the last judgement measured; the report and the gauges show it without asking the database again. */
    private record Measured(SmsChannelState published, List<Route> routes, Conversion conversion) {
        static final Measured NOTHING = new Measured(SmsChannelState.HEALTHY, List.of(),
                new Conversion(new Receipts(0, 0), new Receipts(0, 0)));

        Receipts receipts() {
            return Receipts.sum(routes.stream().map(Route::receipts).toList());
        }
    }

    /** The state as published, with what the last judgement (every few seconds) measured. */
    public Report report() {
        Measured measured = lastMeasured.get();
        SmsChannelStateRow current = QuarkusTransaction.requiringNew().call(SmsChannelStateRow::current);
        Map<String, Receipts> byProvider = Route.byProvider(measured.routes());
        List<ProviderHealth> health = providers.inOrder().stream()
                .map(p -> new ProviderHealth(p.name(), p.state().name(), p.successRate(),
                        byProvider.getOrDefault(p.name(), new Receipts(0, 0)).rate()))
                .toList();
        List<CountryHealth> countries = Route.byCountry(measured.routes()).entrySet().stream()
                .map(country -> new CountryHealth(country.getKey(), country.getValue().sent(), country.getValue().rate()))
                .sorted(Comparator.comparing(CountryHealth::country))
                .toList();
        Conversion conversion = measured.conversion();
        Assessment judged = current.judgedState == null ? null : new Assessment(current.judgedState, current.judgedReason);
        Override override = current.overridden(Instant.now())
                ? new Override(current.overrideState, current.overrideReason, current.overrideBy, current.overrideUntil)
                : null;
        return new Report(current.state, current.since, current.reason, judged, override, health, countries,
                measured.receipts().rate(), conversion.recent().rate(), conversion.baseline().rate());
    }

    @Scheduled(every = "${lifeline.otp.health.evaluate-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evaluate() {
        List<Route> routes = signals.receipts();
        Conversion conversion = signals.conversion();
        Map<String, CircuitBreaker.State> breakers = new LinkedHashMap<>();
        providers.inOrder().forEach(provider -> breakers.put(provider.name(), provider.state()));
        Assessment judged = ChannelJudgement.judge(new Signals(breakers, Route.byCountry(routes), conversion), rules);
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
        lastMeasured.set(new Measured(published, routes, conversion));
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
