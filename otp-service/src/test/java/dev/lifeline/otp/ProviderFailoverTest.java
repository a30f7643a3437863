package dev.lifeline.otp;

import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.sms.ProviderMode;
import dev.lifeline.devstack.sms.SimulatedMessage;
import dev.lifeline.devstack.sms.SmsSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each provider behind its own breaker, with failover in the configured order (alpha, then bravo). */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class ProviderFailoverTest {

    private static final AtomicInteger PHONES = new AtomicInteger(500);

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void providersBackToNormal() throws Exception {
        sim().setMode("alpha", ProviderMode.OK);
        sim().setMode("bravo", ProviderMode.OK);
        Thread.sleep(1_500);
        for (int i = 0; i < 3; i++) {
            sendCode();
        }
    }

    @Test
    void aFailingProviderIsPassedOverItsBreakerOpensAndThePreferredOneTakesTrafficBackWhenWell() throws Exception {
        sim().setMode("alpha", ProviderMode.FAIL);

        // alpha's recent successes from earlier tests count too: keep sending until its failures outweigh them
        for (int i = 0; i < 12 && !alphaIsOpen(); i++) {
            assertEquals("bravo", sendCode().provider(), "codes go through the next provider");
        }
        assertTrue(alphaIsOpen(), "alpha's breaker opened");

        sim().setMode("alpha", ProviderMode.OK);
        Thread.sleep(1_500);
        assertEquals("alpha", sendCode().provider(), "the preferred provider takes traffic back by itself");
        assertEquals("alpha", sendCode().provider());
        given().get("/q/metrics").then()
                .body(containsString("resilience4j_circuitbreaker_state{name=\"sms-alpha\",state=\"closed\"} 1.0"));
    }

    @Test
    void slowAnswersTripTheBreakerAndNoSendWaitsPastTheTimeLimit() throws Exception {
        sim().setMode("alpha", ProviderMode.SLOW);

        for (int i = 0; i < 12 && !alphaIsOpen(); i++) {
            assertEquals("bravo", sendCode().provider());
        }
        assertTrue(alphaIsOpen(), "slow answers opened alpha's breaker");
        // read timeout 1 s, two attempts on alpha, then bravo: a send never takes the simulator's 3 s per try
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT max(extract(epoch FROM sent_at - requested_at)) FROM sms_message WHERE provider = 'bravo'")) {
            rs.next();
            assertTrue(rs.getDouble(1) < 2.9, "slowest send took " + rs.getDouble(1) + " s");
        }
    }

    @Test
    void whenEveryProviderFailsTheMessageEndsVisiblyFailed() throws Exception {
        sim().setMode("alpha", ProviderMode.FAIL);
        sim().setMode("bravo", ProviderMode.FAIL);
        UUID challenge = UUID.randomUUID();
        OtpRequests.request(challenge, "+447700900" + PHONES.getAndIncrement(), false);

        await("the text FAILED").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT status FROM sms_message WHERE challenge_id = '" + challenge + "'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        }, "FAILED"::equals);
    }

    private static boolean alphaIsOpen() {
        return given().get("/q/metrics").then().extract().asString()
                .contains("resilience4j_circuitbreaker_state{name=\"sms-alpha\",state=\"open\"} 1.0");
    }

    private static SmsSimulator sim() {
        return LifelineTestStack.infrastructure().sms();
    }

    /** Asks for a code to a new phone and waits until the simulator delivered it. */
    private static SimulatedMessage sendCode() {
        String phone = "+447700900" + PHONES.getAndIncrement();
        OtpRequests.request(UUID.randomUUID(), phone, false);
        return await("an SMS to " + phone).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> sim().deliveredTo(phone), delivered -> !delivered.isEmpty()).get(0);
    }
}
