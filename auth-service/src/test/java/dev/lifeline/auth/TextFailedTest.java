package dev.lifeline.auth;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.DeliveryStatus;
import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * A person waiting for a text that otp-service gave up on hears so from the sign-in step itself, and
 * is pointed to another factor; a text that arrived, or one asked for again after the failure, is not
 * reported failed. otp-service's verdicts arrive as it sends them: events on otp.delivery-status.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class TextFailedTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTextOtpServiceGaveUpOnSendsThePersonToABackupCode() throws Exception {
        String challenge = challengeOfAPersonWithSms("+447700900811");
        given().get("/api/login/challenges/" + challenge).then().statusCode(200)
                .body("recommended", equalTo("sms")).body("lastText", nullValue());

        given().post("/api/login/challenges/" + challenge + "/sms").then().statusCode(202);
        given().get("/api/login/challenges/" + challenge).then().statusCode(200)
                .body("lastText.status", equalTo("PENDING")).body("recommended", equalTo("sms"));

        report(challenge, DeliveryStatus.FAILED, "alpha reported undelivered");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/login/challenges/" + challenge).then()
                .statusCode(200)
                .body("lastText.status", equalTo("FAILED"))
                .body("lastText.message", startsWith("We could not deliver the text with your code."))
                .body("recommended", equalTo("backup_code"))
                .body("methods.find { it.method == 'sms' }.available", equalTo(true)));
    }

    @Test
    void aTextThatArrivedIsNotReportedFailedLater() throws Exception {
        String challenge = challengeOfAPersonWithSms("+447700900812");
        given().post("/api/login/challenges/" + challenge + "/sms").then().statusCode(202);
        report(challenge, DeliveryStatus.DELIVERED, null);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/login/challenges/" + challenge).then()
                .body("lastText.status", equalTo("DELIVERED")));

        UUID lateFailure = report(challenge, DeliveryStatus.FAILED, "a late failure of an earlier attempt");
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(lateFailure));
        given().get("/api/login/challenges/" + challenge).then()
                .body("lastText.status", equalTo("DELIVERED")).body("recommended", equalTo("sms"));
    }

    @Test
    void theStepOfSomeoneElsesSignInIsNotThere() {
        given().get("/api/login/challenges/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("challenge_not_found"));
        given().get("/api/login/challenges/not-a-uuid").then().statusCode(404);
    }

    private String challengeOfAPersonWithSms(String phone) throws Exception {
        return PersonWithSms.signUp(dataSource, phone).startSignIn();
    }

    /** Publishes what otp-service would, and returns the event's id. */
    private UUID report(String challenge, DeliveryStatus status, String reason) throws Exception {
        EventEnvelope event = EventEnvelope.of(challenge, new OtpDeliveryStatusChanged(UUID.fromString(challenge), status, "alpha", 500L, reason));
        TopicWriter.publish(LifelineTestStack.infrastructure().kafka(), Topic.OTP_DELIVERY_STATUS, event);
        return event.eventId();
    }

    private boolean applied(UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement();
             var rs = statement.executeQuery("SELECT count(*) FROM applied_event WHERE consumer = 'auth-sms-delivered' "
                     + "AND event_id = '" + eventId + "'")) {
            rs.next();
            return rs.getLong(1) == 1;
        }
    }
}
