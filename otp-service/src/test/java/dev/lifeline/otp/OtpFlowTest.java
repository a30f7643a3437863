package dev.lifeline.otp;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.DeliveryStatus;
import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.contracts.events.OtpPurpose;
import dev.lifeline.contracts.events.OtpRequested;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicReader;
import dev.lifeline.devstack.sms.SimulatedMessage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** otp-service on a real broker, database and SMS simulator: auth's requests in, codes out by SMS. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class OtpFlowTest {

    private static final AtomicInteger PHONES = new AtomicInteger(100);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRequestedCodeArrivesBySmsWorksOnceAndItsDeliveryIsPublished() {
        UUID challenge = UUID.randomUUID();
        String phone = newPhone();
        OtpRequests.request(challenge, phone, false);

        String code = OtpRequests.awaitCode(phone, 1);
        OtpRequests.verify(challenge, code).then().statusCode(200).body("outcome", equalTo("VERIFIED"));
        OtpRequests.verify(challenge, code).then().statusCode(200).body("outcome", equalTo("ALREADY_USED"));

        List<DeliveryStatus> statuses = OtpRequests.deliveryStatuses(challenge, 2);
        assertEquals(List.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED), statuses);
    }

    @Test
    void wrongCodesCountDownThenTheCodeIsLockedEvenForTheRightOne() {
        UUID challenge = UUID.randomUUID();
        String phone = newPhone();
        OtpRequests.request(challenge, phone, false);
        String code = OtpRequests.awaitCode(phone, 1);
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int left = 4; left >= 0; left--) {
            OtpRequests.verify(challenge, wrong).then().statusCode(200)
                    .body("outcome", equalTo("WRONG_CODE")).body("attemptsLeft", equalTo(left));
        }
        OtpRequests.verify(challenge, wrong).then().statusCode(200).body("outcome", equalTo("TOO_MANY_ATTEMPTS"));
        OtpRequests.verify(challenge, code).then().statusCode(200).body("outcome", equalTo("TOO_MANY_ATTEMPTS"));
    }

    @Test
    void anExpiredCodeIsGone() throws Exception {
        UUID challenge = UUID.randomUUID();
        String phone = newPhone();
        OtpRequests.request(challenge, phone, false);
        String code = OtpRequests.awaitCode(phone, 1);

        execute("UPDATE otp_code SET expires_at = now() - interval '1 second' WHERE challenge_id = '" + challenge + "'");

        OtpRequests.verify(challenge, code).then().statusCode(200).body("outcome", equalTo("EXPIRED"));
    }

    @Test
    void aCodeWorksOnlyForTheChallengeItWasIssuedFor() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String phone = newPhone();
        OtpRequests.request(first, phone, false);
        String firstCode = OtpRequests.awaitCode(phone, 1);
        OtpRequests.request(second, phone, false);
        String secondCode = OtpRequests.awaitCode(phone, 2);

        if (!firstCode.equals(secondCode)) {
            OtpRequests.verify(second, firstCode).then().statusCode(200).body("outcome", equalTo("WRONG_CODE"));
        }
        OtpRequests.verify(second, secondCode).then().statusCode(200);
        OtpRequests.verify(first, firstCode).then().statusCode(200);
    }

    @Test
    void theSameCodeVerifiedInParallelSucceedsExactlyOnce() throws Exception {
        UUID challenge = UUID.randomUUID();
        String phone = newPhone();
        OtpRequests.request(challenge, phone, false);
        String code = OtpRequests.awaitCode(phone, 1);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                attempts.add(() -> OtpRequests.verify(challenge, code).then().statusCode(200).extract().<String>path("outcome"));
            }
            List<String> statuses = new ArrayList<>();
            for (Future<String> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter("VERIFIED"::equals).count(), statuses.toString());
            assertEquals(31, statuses.stream().filter("ALREADY_USED"::equals).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRedeliveredRequestSendsOneSmsNotTwo() throws Exception {
        UUID challenge = UUID.randomUUID();
        String phone = newPhone();
        EventEnvelope event = EventEnvelope.of(challenge.toString(), new OtpRequested(challenge, UUID.randomUUID(), phone, false, OtpPurpose.SIGN_IN));
        OtpRequests.publish(event);
        OtpRequests.publish(event);

        OtpRequests.awaitCode(phone, 1);
        await("one text, however long we watch").during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                .until(() -> LifelineTestStack.infrastructure().sms().deliveredTo(phone).size() == 1);
        assertEquals(1, count("SELECT count(*) FROM sms_message WHERE challenge_id = '" + challenge + "'"));
    }

    @Test
    void aRequestThatArrivesAfterItsCodeWouldHaveExpiredSendsNoTextAndEndsFailed() {
        UUID challenge = UUID.randomUUID();
        String phone = newPhone();
        EventEnvelope asked = EventEnvelope.of(challenge.toString(), new OtpRequested(challenge, UUID.randomUUID(), phone, false, OtpPurpose.SIGN_IN));
        // Kafka was away for an hour: the request comes long after it was made
        OtpRequests.publish(new EventEnvelope(asked.eventId(), asked.type(), java.time.Instant.now().minus(Duration.ofHours(1)),
                asked.aggregateId(), asked.payload()));

        List<EventEnvelope> statuses = TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.OTP_DELIVERY_STATUS,
                List.of(challenge.toString()), 1, Duration.ofSeconds(15));
        assertEquals(1, statuses.size(), statuses.toString());
        OtpDeliveryStatusChanged status = (OtpDeliveryStatusChanged) statuses.get(0).payload();
        assertEquals(DeliveryStatus.FAILED, status.status());
        org.junit.jupiter.api.Assertions.assertTrue(status.failureReason().contains("expired"), status.failureReason());
        assertEquals(0, LifelineTestStack.infrastructure().sms().deliveredTo(phone).size());
    }

    @Test
    void aResendReplacesTheEarlierCode() {
        UUID challenge = UUID.randomUUID();
        String phone = newPhone();
        OtpRequests.request(challenge, phone, false);
        String first = OtpRequests.awaitCode(phone, 1);
        OtpRequests.request(challenge, phone, true);
        String second = OtpRequests.awaitCode(phone, 2);

        if (!first.equals(second)) {
            OtpRequests.verify(challenge, first).then().statusCode(200).body("outcome", equalTo("WRONG_CODE"));
        }
        OtpRequests.verify(challenge, second).then().statusCode(200);
    }

    @Test
    void badInputIsRefusedWithAProblemAndChangesNothing() throws Exception {
        long codesBefore = count("SELECT count(*) FROM otp_code");
        OtpRequests.asAuthService().body("{\"challengeId\":").post("/internal/otp/verifications").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed_json"));
        OtpRequests.asAuthService().body("{\"challengeId\":\"" + UUID.randomUUID() + "\",\"code\":\"12ab56\"}")
                .post("/internal/otp/verifications").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("validation_failed"));
        OtpRequests.asAuthService().body("{\"challengeId\":\"not-a-uuid\",\"code\":\"123456\"}")
                .post("/internal/otp/verifications").then()
                .statusCode(400).contentType("application/problem+json");
        OtpRequests.verify(UUID.randomUUID(), "123456").then().statusCode(200).body("outcome", equalTo("NOT_ISSUED"));
        given().contentType(ContentType.URLENC).formParam("MessageStatus", "").post("/callbacks/sms/alpha/" + UUID.randomUUID())
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(codesBefore, count("SELECT count(*) FROM otp_code"));
    }

    private static String newPhone() {
        return "+447700900" + PHONES.getAndIncrement();
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate(sql);
        }
    }
}
