package dev.lifeline.auth;

import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What ties a person's request to everything it causes: the trace the gateway (or the person's client)
 * started goes on in the event auth-service writes to its outbox, as Kafka delivers it to otp-service; and a
 * line auth-service logs while serving the request carries the gateway's request id and the trace id, so
 * support can find it from the {@code X-Request-Id} the person was answered with.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class RequestTracesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theTextRequestedInASignInCarriesItsTraceToKafka() throws Exception {
        String trace = hex(16);
        String challenge = challengeOfAPersonWithSms("+447700900831");

        given().header("traceparent", "00-" + trace + "-" + hex(8) + "-00").header("X-Request-Id", "req-" + hex(4))
                .post("/api/login/challenges/" + challenge + "/sms").then().statusCode(202);

        var records = TopicReader.records(LifelineTestStack.infrastructure().kafka(), Topic.AUTH_OTP_REQUESTED,
                List.of(challenge), 1, Duration.ofSeconds(15));
        assertEquals(1, records.size());
        String traceParent = TopicReader.header(records.get(0), "traceparent");
        assertEquals(trace, traceParent == null ? null : traceParent.split("-")[1], "auth.otp-requested continues the sign-in's trace");
    }

    @Test
    void whatIsLoggedWhileServingARequestCarriesItsRequestIdAndTraceId() throws Exception {
        String trace = hex(16);
        String requestId = "req-" + hex(6);
        String challenge = challengeOfAPersonWithSms("+447700900832");
        given().post("/api/login/challenges/" + challenge + "/sms").then().statusCode(202);

        List<ExtLogRecord> logged = new CopyOnWriteArrayList<>();
        Logger otpClient = Logger.getLogger("dev.lifeline.auth.client.OtpClient");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord extended = (ExtLogRecord) record;
                extended.copyAll(); // the log context as it is now, on the thread serving the request, as the console handler sees it
                logged.add(extended);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        otpClient.addHandler(capture);
        try {
            // otp-service does not run in this test: auth-service logs that it could not answer, while serving the request
            given().header("traceparent", "00-" + trace + "-" + hex(8) + "-00").header("X-Request-Id", requestId)
                    .contentType(ContentType.JSON).body(Map.of("method", "sms", "code", "123456"))
                    .post("/api/login/challenges/" + challenge + "/verify").then().statusCode(503)
                    .body("code", equalTo("otp_unavailable"));
        } finally {
            otpClient.removeHandler(capture);
        }
        assertFalse(logged.isEmpty(), "auth-service logged nothing about otp-service");
        ExtLogRecord warning = logged.get(logged.size() - 1);
        assertEquals(requestId, warning.getMdc("requestId"), "the gateway's request id is in the log line");
        assertEquals(trace, warning.getMdc("traceId"), "the trace id is in the log line");
    }

    private String challengeOfAPersonWithSms(String phone) throws Exception {
        return PersonWithSms.signUp(dataSource, phone).startSignIn();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
