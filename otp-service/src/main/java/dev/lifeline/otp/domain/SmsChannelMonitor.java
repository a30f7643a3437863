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
import dev.lifeline.otp.client.SmsProvider;
import dev.lifeline.otp.persistence.SmsBreakerReport;
import dev.lifeline.otp.persistence.SmsChannelStateRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
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
 *
 * <p>With several instances, each reports its own breakers every tick ({@link FleetBreakers}), and
 * one judgement per tick is made for all of them: whoever takes the state row first, while the last
 * judgement is older than most of a tick, judges; the others find it fresh and leave it. What the
 * judgement measured is kept with the state, so every instance reports the same.
 */
@ApplicationScoped
public class SmsChannelMonitor {

    private static final Logger LOG = Logger.getLogger(SmsChannelMonitor.class);
    /** The key of the channel's events on the compacted topic: the latest one is the state. */
    public static final String CHANNEL = "sms";
    /** An instance whose breakers were not reported for this many ticks has stopped. */
    private static final int SILENT_TICKS = 5;

    @Inject
    Clock clock;

    private final SmsProviders providers;
    private final SmsChannelSignals signals;
    private final Outbox outbox;
    private final SmsHistory history;
    private final ObjectMapper json;
    private final String instance;
    private final OtpConfig.Health config;
    private final ChannelJudgement.Rules rules;
    private final AtomicReference<Seen> lastSeen = new AtomicReference<>(Seen.NOTHING);

    public SmsChannelMonitor(SmsProviders providers, SmsChannelSignals signals, Outbox outbox, SmsHistory history, OtpConfig config,
                             MeterRegistry meters, ObjectMapper json, @ConfigProperty(name = "quarkus.uuid") String instance) {
        this.history = history;
        this.providers = providers;
        this.signals = signals;
        this.outbox = outbox;
        this.json = json;
        this.instance = instance;
        this.config = config.health();
        this.rules = ChannelJudgement.Rules.of(config.health());
        Gauge.builder("lifeline.sms.channel.state", lastSeen, m -> m.get().published().ordinal())
                .description("The SMS channel as published: 0 healthy, 1 degraded, 2 down")
                .strongReference(true).register(meters);
        Gauge.builder("lifeline.sms.delivery.rate", lastSeen, m -> orNaN(m.get().measured().deliveryRate()))
                .description("Share of recent messages confirmed delivered (NaN while there are none)")
                .strongReference(true).register(meters);
        Gauge.builder("lifeline.sms.conversion.rate", lastSeen, m -> orNaN(m.get().measured().conversionRate()))
                .description("Share of recent codes that were used to sign in (NaN while there are none)")
                .strongReference(true).register(meters);
        Gauge.builder("lifeline.sms.conversion.baseline.rate", lastSeen, m -> orNaN(m.get().measured().baselineConversionRate()))
                .description("Share of codes used in the baseline period before the recent window")
                .strongReference(true).register(meters);
    }

    /** A provider as the whole fleet sees it: its breaker (the most refusing of any instance), its rates. */
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

    /** What the last judgement measured, kept with the state (as JSON) for every instance to report. */
    public record Measured(List<ProviderHealth> providers, List<CountryHealth> countries, Double deliveryRate,
                           Double conversionRate, Double baselineConversionRate) {
        static final Measured NOTHING = new Measured(List.of(), List.of(), null, null, null);
    }

    /** The state and measurements as this instance last read them; the gauges show it. */
    private record Seen(SmsChannelState published, Measured measured) {
        static final Seen NOTHING = new Seen(SmsChannelState.HEALTHY, Measured.NOTHING);
    }

    /** The state as published, with what the last judgement (every few seconds, by any instance) measured. */
    public Report report() {
        SmsChannelStateRow current = QuarkusTransaction.requiringNew().call(SmsChannelStateRow::current);
        Measured measured = measuredOf(current);
        Assessment judged = current.judgedState == null ? null : new Assessment(current.judgedState, current.judgedReason);
        Override override = current.overridden(clock.instant())
                ? new Override(current.overrideState, current.overrideReason, current.overrideBy, current.overrideUntil)
                : null;
        return new Report(current.state, current.since, current.reason, judged, override, measured.providers(),
                measured.countries(), measured.deliveryRate(), measured.conversionRate(), measured.baselineConversionRate());
    }

    @Scheduled(every = "${lifeline.otp.health.evaluate-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        reportBreakers();
        judge(false);
    }

    /** This instance's breakers, for whoever judges the next tick. */
    private void reportBreakers() {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> providers.inOrder().forEach(provider ->
                SmsBreakerReport.save(instance, provider.name(), provider.state(), provider.successRate(), now)));
    }

    /**
     * Judges the channel unless another instance did within this tick ({@code now}: whatever the last
     * judgement's age, as after an override); publishes a change.
     */
    private void judge(boolean now) {
        Seen seen = QuarkusTransaction.requiringNew().call(() -> {
            SmsChannelStateRow current = SmsChannelStateRow.currentForUpdate();
            Instant at = clock.instant();
            Duration fresh = config.evaluateEvery().multipliedBy(9).dividedBy(10);
            if (!now && current.judgedAt != null && current.judgedAt.isAfter(at.minus(fresh))) {
                return new Seen(current.state, measuredOf(current));
            }
            List<Route> routes = signals.receipts();
            Conversion conversion = signals.conversion();
            Instant liveSince = at.minus(config.evaluateEvery().multipliedBy(SILENT_TICKS));
            Map<String, FleetBreakers.Combined> breakers = FleetBreakers.combine(
                    providers.inOrder().stream().map(SmsProvider::name).toList(), SmsBreakerReport.since(liveSince), liveSince);
            SmsBreakerReport.forgetBefore(at.minus(Duration.ofHours(1)));
            Map<String, CircuitBreaker.State> states = new LinkedHashMap<>();
            breakers.forEach((provider, combined) -> states.put(provider, combined.state()));
            Assessment judged = ChannelJudgement.judge(new Signals(states, Route.byCountry(routes), conversion), rules);
            Measured measured = measure(breakers, routes, conversion);
            current.judgedState = judged.state();
            current.judgedReason = judged.reason();
            current.judgedAt = at;
            current.measured = json.writeValueAsString(measured);
            Assessment effective = current.overridden(at)
                    ? new Assessment(current.overrideState, "Set by operations: " + current.overrideReason)
                    : judged;
            publishIfChanged(current, effective, at);
            return new Seen(current.state, measured);
        });
        lastSeen.set(seen);
    }

    private static Measured measure(Map<String, FleetBreakers.Combined> breakers, List<Route> routes, Conversion conversion) {
        Map<String, Receipts> byProvider = Route.byProvider(routes);
        List<ProviderHealth> health = breakers.entrySet().stream()
                .map(p -> new ProviderHealth(p.getKey(), p.getValue().state().name(), p.getValue().successRate(),
                        byProvider.getOrDefault(p.getKey(), new Receipts(0, 0)).rate()))
                .toList();
        List<CountryHealth> countries = Route.byCountry(routes).entrySet().stream()
                .map(country -> new CountryHealth(country.getKey(), country.getValue().sent(), country.getValue().rate()))
                .sorted(Comparator.comparing(CountryHealth::country))
                .toList();
        return new Measured(health, countries, Receipts.sum(routes.stream().map(Route::receipts).toList()).rate(),
                conversion.recent().rate(), conversion.baseline().rate());
    }

    private Measured measuredOf(SmsChannelStateRow row) {
        if (row.measured == null) {
            return Measured.NOTHING;
        }
        try {
            return json.readValue(row.measured, Measured.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the channel's stored measurements are not readable", e);
        }
    }

    /** Ops' word on the channel until {@code until}; published at once. */
    public Report override(SmsChannelState state, String reason, Duration lasting, String by) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new DomainError.Invalid("invalid_reason", "Say why, in at most 500 characters.");
        }
        if (lasting == null || lasting.isNegative() || lasting.isZero() || lasting.compareTo(config.longestOverride()) > 0) {
            throw new DomainError.Invalid("invalid_expiry",
                    "An override lasts at least a minute and at most " + config.longestOverride().toHours() + " hours.");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            SmsChannelStateRow current = SmsChannelStateRow.currentForUpdate();
            current.overrideState = state;
            current.overrideReason = reason.strip();
            current.overrideBy = by;
            current.overrideUntil = clock.instant().plus(lasting);
        });
        LOG.warnf("SMS channel overridden to %s by %s for %s: %s", state, by, lasting, reason);
        judge(true);
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
        judge(true);
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
        history.changed(current.state, current.reason, now);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
