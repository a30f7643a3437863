package dev.lifeline.otp;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.OtpPurpose;
import dev.lifeline.contracts.events.OtpRequested;
import dev.lifeline.contracts.events.DeliveryStatus;
import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.sms.SimulatedMessage;
import dev.lifeline.devstack.testing.TopicReader;
import dev.lifeline.devstack.testing.TopicWriter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
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

    /** A sign-in code for a new account's challenge (a text that does not judge the channel: the account is not established). */
    static void request(UUID challenge, String phone, boolean resend) {
        publish(EventEnvelope.of(challenge.toString(), new OtpRequested(challenge, UUID.randomUUID(), phone, resend, OtpPurpose.SIGN_IN)));
    }

    static void request(UUID challenge, UUID account, String phone, OtpPurpose purpose) {
        publish(EventEnvelope.of(challenge.toString(), new OtpRequested(challenge, account, phone, false, purpose)));
    }

    /** An account whose phone is proven: it received an enrollment code and used it. Its sign-in texts judge the channel. */
    static UUID establishedAccount(String phone) {
        UUID account = UUID.randomUUID();
        UUID enrollment = UUID.randomUUID();
        int before = LifelineTestStack.infrastructure().sms().deliveredTo(phone).size();
        request(enrollment, account, phone, OtpPurpose.ENROLLMENT);
        verify(enrollment, awaitCode(phone, before + 1)).then().statusCode(200).body("outcome", org.hamcrest.Matchers.equalTo("VERIFIED"));
        return account;
    }

    static void publish(EventEnvelope event) {
        TopicWriter.publish(LifelineTestStack.infrastructure().kafka(), Topic.AUTH_OTP_REQUESTED, event);
    }

    static Response verify(UUID challenge, String code) {
        return asAuthService().body(Map.of("challengeId", challenge.toString(), "code", code))
                .post("/internal/otp/verifications");
    }

    /** What auth-service sends: a service token made for otp-service. */
    static RequestSpecification asAuthService() {
        return given().auth().oauth2(serviceToken(Services.OTP)).contentType(ContentType.JSON);
    }

    static String serviceToken(String audience) {
        return Jwt.issuer("https://lifeline.local/auth").audience(audience).subject(Services.AUTH)
                .groups(Services.AUTH_SERVICE_ROLE).expiresIn(60).sign();
    }

    /** The code of the {@code nth} message to the phone, as the person would read it. */
    static String awaitCode(String phone, int nth) {
        List<SimulatedMessage> messages = await("SMS number " + nth + " to " + phone).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> LifelineTestStack.infrastructure().sms().deliveredTo(phone), received -> received.size() >= nth);
        Matcher matcher = CODE.matcher(messages.get(nth - 1).body());
        assertTrue(matcher.find(), messages.get(nth - 1).body());
        return matcher.group(1);
    }

    static List<DeliveryStatus> deliveryStatuses(UUID challenge, int expected) {
        return TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.OTP_DELIVERY_STATUS,
                        List.of(challenge.toString()), expected, Duration.ofSeconds(15)).stream()
                .map(event -> ((OtpDeliveryStatusChanged) event.payload()).status())
                .toList();
    }
}
