package dev.lifeline.otp;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.DeliveryStatus;
import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.contracts.events.OtpPurpose;
import dev.lifeline.contracts.events.OtpRequested;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.sms.SimulatedMessage;
import dev.lifeline.devstack.testing.TopicReader;
import dev.lifeline.devstack.testing.TopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One sign-in, one trace, across services: the text otp-service sends for a request that arrived on
 * auth.otp-requested with a W3C {@code traceparent} (the outbox relay sends one with every event) continues
 * that trace in the call to the SMS provider and in the event it publishes back. Checked from outside:
 * the header the provider received, and the headers a plain Kafka consumer reads.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class EventTracesTest {

    @Test
    void theTextForASignInContinuesTheTraceOfTheSignIn() {
        String trace = HexFormat.of().formatHex(randomBytes(16));
        String caller = HexFormat.of().formatHex(randomBytes(8));
        UUID challenge = UUID.randomUUID();
        String phone = "+447700900" + (700 + ThreadLocalRandom.current().nextInt(200));
        int before = LifelineTestStack.infrastructure().sms().deliveredTo(phone).size();

        TopicWriter.publish(LifelineTestStack.infrastructure().kafka(), Topic.AUTH_OTP_REQUESTED,
                EventEnvelope.of(challenge.toString(), new OtpRequested(challenge, UUID.randomUUID(), phone, false, OtpPurpose.SIGN_IN)),
                Map.of("traceparent", "00-" + trace + "-" + caller + "-00"));

        SimulatedMessage text = await().atMost(Duration.ofSeconds(20))
                .until(() -> LifelineTestStack.infrastructure().sms().deliveredTo(phone), texts -> texts.size() > before)
                .get(before);
        assertInTrace(trace, caller, text.traceParent(), "the call to the SMS provider");

        List<ConsumerRecord<String, String>> statuses = TopicReader.records(LifelineTestStack.infrastructure().kafka(),
                Topic.OTP_DELIVERY_STATUS, List.of(challenge.toString()), 1, Duration.ofSeconds(15));
        ConsumerRecord<String, String> sent = statuses.stream()
                .filter(record -> ((OtpDeliveryStatusChanged) EventJson.decode(record.value()).payload()).status() == DeliveryStatus.SENT)
                .findFirst().orElseThrow(() -> new AssertionError("no SENT on otp.delivery-status"));
        assertInTrace(trace, caller, TopicReader.header(sent, "traceparent"), "the SENT event");
    }

    /** Same trace, a span of its own (a child of the caller's, not the caller's itself). */
    private static void assertInTrace(String trace, String callerSpan, String traceParent, String what) {
        assertNotNull(traceParent, what + " carries no traceparent");
        String[] parts = traceParent.split("-");
        assertEquals(4, parts.length, traceParent);
        assertEquals(trace, parts[1], what + " is in another trace");
        assertTrue(!parts[2].equals(callerSpan), what + " should be a span of otp-service's own");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zero: an invalid trace id
        return bytes;
    }
}
