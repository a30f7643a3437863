package dev.lifeline.auth;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the people on call read off auth-service during an SMS outage, on /q/metrics as Prometheus
 * scrapes it: sign-in steps by factor and outcome, people pointed away from SMS and to which factor,
 * texts refused, lockouts. Each count moves by exactly what a person did.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class SignInMetricsTest {

    private static final String PASSWORD = PersonWithSms.PASSWORD;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void channelHealthyAgain() {
        channelBecomes(SmsChannelState.HEALTHY);
    }

    @Test
    void signInStepsAreCountedByFactorAndOutcome() throws Exception {
        String username = personWithSms("+447700900821");
        double wrong = metric("lifeline_signins_total{method=\"password\",outcome=\"failure\"}");
        double right = metric("lifeline_signins_total{method=\"password\",outcome=\"success\"}");

        signIn(username, "not the password").then().statusCode(401);
        signIn(username, PASSWORD).then().statusCode(200);

        assertEquals(wrong + 1, metric("lifeline_signins_total{method=\"password\",outcome=\"failure\"}"));
        assertEquals(right + 1, metric("lifeline_signins_total{method=\"password\",outcome=\"success\"}"));
    }

    @Test
    void duringAnOutagePeopleAreCountedAsRoutedToBackupCodesAndTheirTextsAsRefused() throws Exception {
        String username = personWithSms("+447700900822");
        double routed = metric("lifeline_signin_routed_total{factor=\"backup_code\"}");
        double refused = metric("lifeline_sms_refused_total{reason=\"degraded\"}");

        String healthy = signIn(username, PASSWORD).then().statusCode(200).extract().path("challenge.id");
        assertEquals(routed, metric("lifeline_signin_routed_total{factor=\"backup_code\"}"), "nobody is routed while texts work");

        channelBecomes(SmsChannelState.DOWN);
        String down = signIn(username, PASSWORD).then().statusCode(200).body("challenge.recommended", equalTo("backup_code"))
                .extract().path("challenge.id");
        given().post("/api/login/challenges/" + down + "/sms").then().statusCode(503).body("code", equalTo("sms_degraded"));
        given().post("/api/login/challenges/" + healthy + "/sms").then().statusCode(503);

        assertEquals(routed + 1, metric("lifeline_signin_routed_total{factor=\"backup_code\"}"));
        assertEquals(refused + 2, metric("lifeline_sms_refused_total{reason=\"degraded\"}"));

        // and kept, for the /ops charts of the last day (whichever instance answers): the routing, in this interval
        var history = given().auth().oauth2(StaffSignIn.accessToken("ops1")).get("/api/ops/sign-ins/history?hours=24")
                .then().statusCode(200).body("intervalSeconds", equalTo(900)).extract().jsonPath();
        List<Map<String, Object>> routedNow = history.getList("intervals.findAll { it.kind == 'ROUTED' && it.factor == 'backup_code' }");
        assertTrue(!routedNow.isEmpty() && ((Number) routedNow.get(routedNow.size() - 1).get("count")).longValue() >= 1,
                "the routing is in the history: " + routedNow);
        given().auth().oauth2(StaffSignIn.accessToken("ops1")).get("/api/ops/sign-ins/history?hours=200").then().statusCode(400)
                .body("code", equalTo("invalid_hours"));
    }

    @Test
    void aLockoutIsCountedOnce() throws Exception {
        String username = personWithSms("+447700900823");
        double lockouts = metric("lifeline_signin_lockouts_total");
        for (int attempt = 1; attempt < 10; attempt++) {
            signIn(username, "guess " + attempt).then().statusCode(401);
        }
        assertEquals(lockouts, metric("lifeline_signin_lockouts_total"), "nine wrong passwords lock nothing");
        signIn(username, "guess 10").then().statusCode(401);
        signIn(username, PASSWORD).then().statusCode(429);
        signIn(username, "guess 11").then().statusCode(429);
        assertEquals(lockouts + 1, metric("lifeline_signin_lockouts_total"), "the tenth locks the username, once");
    }

    private static double metric(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        if (!line.find()) {
            throw new AssertionError(series + " is not on /q/metrics");
        }
        return Double.parseDouble(line.group(1));
    }

    private static io.restassured.response.Response signIn(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/api/login");
    }

    private String personWithSms(String phone) throws Exception {
        return PersonWithSms.signUp(dataSource, phone).username();
    }

    private void channelBecomes(SmsChannelState state) {
        try {
            TopicWriter.publish(LifelineTestStack.infrastructure().kafka(), Topic.SMS_CHANNEL_HEALTH,
                    EventEnvelope.of("sms", new SmsChannelHealthChanged(state, "test: " + state, Instant.now())));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT state FROM sms_channel")) {
                return rs.next() && state.name().equals(rs.getString(1));
            }
        });
    }
}
