package dev.lifeline.otp.domain;

import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.otp.config.OtpConfig;
import dev.lifeline.otp.domain.SmsChannelSignals.Conversion;
import dev.lifeline.otp.domain.SmsChannelSignals.Receipts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rule that judges the SMS channel, and nothing else: what the breakers, the receipts and the
 * codes say goes in, a state and its reason come out. The inputs count only the texts that matter
 * (sign-in and step-up codes of established accounts, see {@code SmsChannelSignals}): anyone can
 * ask for enrollment texts to numbers nobody answers, and they must not be able to switch outage mode
 * on for everyone.
 * <ul>
 * <li>DOWN when no provider's breaker lets a message through (half-open does: refusing traffic would
 * starve the probe that lets it close again);</li>
 * <li>DEGRADED when providers accept texts that do not arrive (too few delivery receipts), or when
 * receipts say delivered but people stop using their codes (conversion far below its baseline);</li>
 * <li>HEALTHY otherwise, naming any provider that is failing and any country whose texts are not arriving.</li>
 * </ul>
 */
public final class ChannelJudgement {

    private ChannelJudgement() {
    }

    public record Assessment(SmsChannelState state, String reason) {
    }

    public record Rules(int minimumMessages, double minimumDeliveryRate, int minimumCodes, double minimumShareOfBaseline) {
        public static Rules of(OtpConfig.Health config) {
            return new Rules(config.minimumMessages(), config.minimumDeliveryRate(), config.conversion().minimumCodes(),
                    config.conversion().minimumShareOfBaseline());
        }
    }

    /**
     * @param breakers  each provider's breaker, by provider name
     * @param byCountry delivery receipts of the texts that matter, by country calling code (e.g. "44")
     */
    public record Signals(Map<String, CircuitBreaker.State> breakers, Map<String, Receipts> byCountry, Conversion conversion) {
    }

    public static Assessment judge(Signals signals, Rules rules) {
        if (!signals.breakers().isEmpty() && signals.breakers().values().stream().noneMatch(ChannelJudgement::letsThrough)) {
            return new Assessment(SmsChannelState.DOWN, "No SMS provider is accepting messages.");
        }
        Receipts receipts = Receipts.sum(signals.byCountry().values());
        if (receipts.sent() >= rules.minimumMessages() && receipts.rate() < rules.minimumDeliveryRate()) {
            return new Assessment(SmsChannelState.DEGRADED, String.format(
                    "Text messages are accepted but not arriving: %d of the last %d were delivered.",
                    receipts.delivered(), receipts.sent()));
        }
        Receipts recent = signals.conversion().recent();
        Receipts baseline = signals.conversion().baseline();
        if (recent.sent() >= rules.minimumCodes() && baseline.sent() >= rules.minimumCodes() && baseline.delivered() > 0
                && recent.rate() < baseline.rate() * rules.minimumShareOfBaseline()) {
            return new Assessment(SmsChannelState.DEGRADED, String.format(
                    "Codes are not being used: %d of the last %d were, against %.0f %% before; texts may not be arriving.",
                    recent.delivered(), recent.sent(), baseline.rate() * 100));
        }
        List<String> notes = new ArrayList<>();
        List<String> failing = signals.breakers().entrySet().stream()
                .filter(provider -> !letsThrough(provider.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
        if (!failing.isEmpty()) {
            notes.add("Provider " + String.join(", ", failing) + " is failing; messages go through the others.");
        }
        signals.byCountry().entrySet().stream()
                .filter(country -> country.getValue().sent() >= rules.minimumMessages()
                        && country.getValue().rate() < rules.minimumDeliveryRate())
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(country -> notes.add(String.format("Texts to +%s are not arriving: %d of %d delivered.",
                        country.getKey(), country.getValue().delivered(), country.getValue().sent())));
        return new Assessment(SmsChannelState.HEALTHY, notes.isEmpty() ? "No problems seen." : String.join(" ", notes));
    }

    private static boolean letsThrough(CircuitBreaker.State state) {
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }
}
