package dev.lifeline.otp;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.OtpRequested;
import dev.lifeline.contracts.events.DeliveryStatus;
import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.sms.SimulatedMessage;
import dev.lifeline.devstack.testing.TopicReader;
import dev.lifeline.devstack.testing.TopicWriter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What auth-service does with otp-service, played by the tests: requests for a code on
 * auth.otp-requested, and checks of codes; and what the person sees: the code in the text.
 */
final class OtpRequests {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private OtpRequests() {
    }

    static void request(UUID challenge, String phone, boolean resend) {
        publish(EventEnvelope.of(challenge.toString(), new OtpRequested(challenge, UUID.randomUUID(), phone, resend)));
    }

    static void publish(EventEnvelope event) {
        TopicWriter.publish(LifelineTestStack.infrastructure().kafka().bootstrapServers(), Topic.AUTH_OTP_REQUESTED, event);
    }

    static Response verify(UUID challenge, String code) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("challengeId", challenge.toString(), "code", code))
                .post("/internal/otp/verifications");
    }

    /** The code of the {@code nth} message to the phone, as the person would read it. */
    static String awaitCode(String phone, int nth) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<SimulatedMessage> messages = LifelineTestStack.infrastructure().sms().deliveredTo(phone);
            if (messages.size() >= nth) {
                Matcher matcher = CODE.matcher(messages.get(nth - 1).body());
                assertTrue(matcher.find(), messages.get(nth - 1).body());
                return matcher.group(1);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no SMS number " + nth + " to " + phone);
    }

    static List<DeliveryStatus> deliveryStatuses(UUID challenge, int expected) {
        return TopicReader.events(LifelineTestStack.infrastructure().kafka().bootstrapServers(), Topic.OTP_DELIVERY_STATUS,
                        List.of(challenge.toString()), expected, Duration.ofSeconds(15)).stream()
                .map(event -> ((OtpDeliveryStatusChanged) event.payload()).status())
                .toList();
    }
}
