package dev.lifeline.otp;

import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Ops can put their word over the measurements, for a while and with a reason; nobody else can. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class SmsChannelOverrideTest {

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void noOverrideLeft() {
        Ops.asOps().delete("/api/ops/sms-health/override").then().statusCode(200);
    }

    @Test
    void theOpsEndpointsNeedTheOpsRole() {
        given().get("/api/ops/sms-health").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
        Ops.as("user").get("/api/ops/sms-health").then().statusCode(403).contentType("application/problem+json");
        Ops.as("agent").body(Map.of("state", "DOWN", "reason", "x", "minutes", 5))
                .put("/api/ops/sms-health/override").then().statusCode(403);
        Ops.asOps().get("/api/ops/sms-health").then().statusCode(200).body("override", nullValue());
    }

    @Test
    void anOperatorWhoseSignInIsOlderThanFiveMinutesMustStepUpFirst() throws Exception {
        // a stolen ops session, or a console left open: still ops, but not proven recently
        Ops.as("ops", Instant.now().minus(Duration.ofMinutes(6))).body(Map.of("state", "DOWN", "reason", "x", "minutes", 5))
                .put("/api/ops/sms-health/override").then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("reauthentication_required")).body("stepUp", equalTo("POST /api/me/step-up"));
        Ops.as("ops", Instant.now().minus(Duration.ofMinutes(6))).delete("/api/ops/sms-health/override").then()
                .statusCode(403).body("code", equalTo("reauthentication_required"));
        Ops.asOps().get("/api/ops/sms-health").then().statusCode(200).body("override", nullValue()).body("channel", equalTo("HEALTHY"));
    }

    @Test
    void anOverrideIsPublishedAtOnceShownWithWhoAndWhyAndEndsByItself() throws Exception {
        Ops.asOps().body(Map.of("state", "DOWN", "reason", "Carrier maintenance announced for 02:00", "minutes", 30))
                .put("/api/ops/sms-health/override").then().statusCode(200)
                .body("channel", equalTo("DOWN"))
                .body("reason", containsString("Carrier maintenance announced"))
                .body("override.by", equalTo("ops-tester"))
                .body("override.until", notNullValue())
                .body("judged.state", equalTo("HEALTHY"));
        assertEquals(SmsChannelState.DOWN, lastPublished());

        // the expiry passes (moved into the past rather than waited for): the measurements rule again
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("UPDATE sms_channel_state SET override_until = now() - interval '1 second'");
        }
        awaitChannel("HEALTHY");
        Ops.asOps().get("/api/ops/sms-health").then().body("override", nullValue());
        assertEquals(SmsChannelState.HEALTHY, lastPublished());
    }

    @Test
    void endingAnOverrideReturnsToWhatIsMeasured() {
        Ops.asOps().body(Map.of("state", "DEGRADED", "reason", "Complaints on social media", "minutes", 10))
                .put("/api/ops/sms-health/override").then().statusCode(200).body("channel", equalTo("DEGRADED"));
        Ops.asOps().delete("/api/ops/sms-health/override").then().statusCode(200)
                .body("channel", equalTo("HEALTHY"))
                .body("override", nullValue());
    }

    @Test
    void theChannelsDayIsKeptWithWhyItChanged() {
        Ops.asOps().body(Map.of("state", "DOWN", "reason", "Carrier outage in the north", "minutes", 10))
                .put("/api/ops/sms-health/override").then().statusCode(200);
        Ops.asOps().delete("/api/ops/sms-health/override").then().statusCode(200);

        var history = Ops.asOps().get("/api/ops/sms-health/history?hours=24").then().statusCode(200)
                .body("intervalSeconds", equalTo(900)).extract().jsonPath();
        List<String> states = history.getList("states.state");
        List<String> reasons = history.getList("states.reason");
        assertEquals(List.of("DOWN", "HEALTHY"), states.subList(states.size() - 2, states.size()), "the last two changes, in order");
        assertEquals("Set by operations: Carrier outage in the north", reasons.get(reasons.size() - 2));
        assertNull(history.get("states[" + (states.size() - 1) + "].until"), "the state it is in now has no end");
        assertEquals(history.getString("states[" + (states.size() - 2) + "].until"), history.getString("states[" + (states.size() - 1) + "].from"),
                "one state ends when the next begins");

        Ops.asOps().get("/api/ops/sms-health/history?hours=0").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_hours"));
        Ops.as("user").get("/api/ops/sms-health/history").then().statusCode(403);
    }

    @Test
    void anOverrideNeedsAStateAReasonAndAnExpiryWithinADay() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("reason", "no state", "minutes", 10),
                Map.of("state", "DOWN", "minutes", 10),
                Map.of("state", "DOWN", "reason", " ", "minutes", 10),
                Map.of("state", "DOWN", "reason", "no expiry"),
                Map.of("state", "DOWN", "reason", "too long", "minutes", 24 * 60 + 1),
                Map.of("state", "DOWN", "reason", "none at all", "minutes", 0),
                Map.of("state", "BROKEN", "reason", "no such state", "minutes", 10))) {
            Ops.asOps().body(bad).put("/api/ops/sms-health/override").then()
                    .statusCode(400).contentType("application/problem+json").body("code", notNullValue());
        }
        Ops.asOps().get("/api/ops/sms-health").then().body("channel", equalTo("HEALTHY")).body("override", nullValue());
    }

    private static void awaitChannel(String expected) {
        await("the channel " + expected).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Ops.asOps().get("/api/ops/sms-health").then().extract().path("channel"), expected::equals);
    }

    /** The newest state on the compacted topic, as auth-service would read it. */
    private static SmsChannelState lastPublished() {
        SmsChannelState expected = SmsChannelState.valueOf(Ops.asOps().get("/api/ops/sms-health").then().extract().path("channel"));
        return await("the topic's newest state " + expected).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ZERO)
                .until(() -> {
                    List<SmsChannelState> states = TopicReader.events(LifelineTestStack.infrastructure().kafka(),
                                    Topic.SMS_CHANNEL_HEALTH, List.of("sms"), 1, Duration.ofSeconds(5)).stream()
                            .map(e -> ((SmsChannelHealthChanged) e.payload()).state()).toList();
                    return states.isEmpty() ? null : states.get(states.size() - 1);
                }, last -> last == expected);
    }
}
