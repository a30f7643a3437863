package dev.lifeline.otp.domain;

import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.otp.domain.ChannelJudgement.Rules;
import dev.lifeline.otp.domain.ChannelJudgement.Signals;
import dev.lifeline.otp.domain.SmsChannelSignals.Conversion;
import dev.lifeline.otp.domain.SmsChannelSignals.Receipts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.FORCED_OPEN;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The judgement of the SMS channel as a table: inputs, the state, a phrase the reason must contain. */
@Tag("unit")
class ChannelJudgementTest {

    /** At least 5 texts before receipts count, half of them delivered; 20 codes before conversion counts, half the baseline's rate. */
    private static final Rules RULES = new Rules(5, 0.5, 20, 0.5);
    private static final Conversion NO_CODES = new Conversion(new Receipts(0, 0), new Receipts(0, 0));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing sent yet", Map.of("alpha", CLOSED, "bravo", CLOSED), Map.of(), NO_CODES,
                        SmsChannelState.HEALTHY, "No problems seen"),
                Arguments.of("every breaker open", Map.of("alpha", OPEN, "bravo", FORCED_OPEN), Map.of(), NO_CODES,
                        SmsChannelState.DOWN, "No SMS provider"),
                Arguments.of("a half-open breaker still lets the probe through", Map.of("alpha", OPEN, "bravo", HALF_OPEN), Map.of(), NO_CODES,
                        SmsChannelState.HEALTHY, ""),
                Arguments.of("one provider failing, the other carrying", Map.of("alpha", OPEN, "bravo", CLOSED),
                        Map.of("44", new Receipts(10, 10)), NO_CODES, SmsChannelState.HEALTHY, "Provider alpha is failing"),
                Arguments.of("accepted and not arriving", Map.of("alpha", CLOSED), Map.of("44", new Receipts(6, 1)), NO_CODES,
                        SmsChannelState.DEGRADED, "1 of the last 6 were delivered"),
                Arguments.of("across countries, as a whole", Map.of("alpha", CLOSED),
                        Map.of("44", new Receipts(3, 0), "1", new Receipts(3, 1)), NO_CODES, SmsChannelState.DEGRADED, "1 of the last 6"),
                Arguments.of("too few texts to say", Map.of("alpha", CLOSED), Map.of("44", new Receipts(4, 0)), NO_CODES,
                        SmsChannelState.HEALTHY, "No problems seen"),
                Arguments.of("exactly half delivered is not too few", Map.of("alpha", CLOSED), Map.of("44", new Receipts(10, 5)), NO_CODES,
                        SmsChannelState.HEALTHY, ""),
                Arguments.of("one country dark, the rest fine: named, not an outage for everyone", Map.of("alpha", CLOSED),
                        Map.of("44", new Receipts(50, 50), "61", new Receipts(6, 0)), NO_CODES,
                        SmsChannelState.HEALTHY, "Texts to +61 are not arriving: 0 of 6"),
                Arguments.of("delivered but nobody types the codes", Map.of("alpha", CLOSED), Map.of("44", new Receipts(30, 30)),
                        new Conversion(new Receipts(25, 2), new Receipts(100, 90)), SmsChannelState.DEGRADED, "Codes are not being used"),
                Arguments.of("conversion as good as its baseline", Map.of("alpha", CLOSED), Map.of("44", new Receipts(30, 30)),
                        new Conversion(new Receipts(25, 20), new Receipts(100, 90)), SmsChannelState.HEALTHY, ""),
                Arguments.of("conversion with too small a baseline says nothing", Map.of("alpha", CLOSED), Map.of(),
                        new Conversion(new Receipts(25, 0), new Receipts(10, 9)), SmsChannelState.HEALTHY, ""),
                Arguments.of("conversion with too few recent codes says nothing", Map.of("alpha", CLOSED), Map.of(),
                        new Conversion(new Receipts(19, 0), new Receipts(100, 90)), SmsChannelState.HEALTHY, ""),
                Arguments.of("a baseline where nobody used a code says nothing", Map.of("alpha", CLOSED), Map.of(),
                        new Conversion(new Receipts(25, 0), new Receipts(100, 0)), SmsChannelState.HEALTHY, ""),
                Arguments.of("down outranks not arriving", Map.of("alpha", OPEN), Map.of("44", new Receipts(10, 0)), NO_CODES,
                        SmsChannelState.DOWN, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String situation, Map<String, io.github.resilience4j.circuitbreaker.CircuitBreaker.State> breakers,
                Map<String, Receipts> byCountry, Conversion conversion, SmsChannelState expected, String reasonContains) {
        ChannelJudgement.Assessment assessment = ChannelJudgement.judge(new Signals(breakers, byCountry, conversion), RULES);
        assertEquals(expected, assessment.state(), situation + ": " + assessment.reason());
        assertTrue(assessment.reason().contains(reasonContains), assessment.reason());
    }
}
