package dev.lifeline.auth;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.DeliveryStatus;
import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the SMS channel fails nobody is signed out: sessions do not end for idleness and a refresh
 * stretches their life; and texts asked for just before the failure was noticed stop counting
 * against the caps. Back to normal, with no restart, once the channel is HEALTHY. The channel's
 * state arrives as otp-service sends it: an event on sms.channel-health.
 */
@QuarkusTest
@TestProfile(OutageModeTest.ShortSessions.class)
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class OutageModeTest {

    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lifeline.auth.tokens.idle-timeout", "PT2S",
                    "lifeline.auth.tokens.refresh-ttl", "PT20S",
                    "lifeline.auth.outage.refresh-extension-factor", "3",
                    "lifeline.auth.outage.absolute-session-lifetime", "PT45S");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MovableClock clock;

    @AfterEach
    void channelHealthyAgain() throws Exception {
        channelBecomes(SmsChannelState.HEALTHY);
        clock.reset();
    }

    @Test
    void aHealthyChannelEndsIdleSessions() throws Exception {
        String refreshToken = signIn(signUp());
        clock.advance(Duration.ofMillis(2_500));
        refresh(refreshToken).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("invalid_refresh_token"));
    }

    @Test
    void duringAnOutageIdleSessionsLiveOnAndARefreshStretchesTheirLife() throws Exception {
        String username = signUp();
        String refreshToken = signIn(username);
        channelBecomes(SmsChannelState.DEGRADED);

        clock.advance(Duration.ofMillis(2_500));
        var refreshed = refresh(refreshToken).then().statusCode(200).extract();
        given().auth().oauth2(refreshed.<String>path("tokens.accessToken")).get("/api/me/sessions").then()
                .statusCode(200).body("$", hasSize(1));
        assertEquals(45.0, sessionLifetimeSeconds(username), 1.5,
                "20 s sessions would live three times as long, but never past the absolute lifetime");

        channelBecomes(SmsChannelState.HEALTHY);
        clock.advance(Duration.ofMillis(2_500));
        refresh(refreshed.path("tokens.refreshToken")).then().statusCode(401);
    }

    @Test
    void undeliveredTextsAskedForJustBeforeTheFailureWasSeenStopCountingAgainstTheCaps() throws Exception {
        UUID account = accountId(signUp());
        UUID old = UUID.randomUUID();
        UUID delivered = UUID.randomUUID();
        UUID neverCame = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("INSERT INTO sms_request (account_id, challenge_id, phone, requested_at) VALUES "
                    + "('" + account + "', '" + old + "', '+447700900123', now() - interval '2 hours'), "
                    + "('" + account + "', '" + delivered + "', '+447700900123', now() - interval '5 minutes'), "
                    + "('" + account + "', '" + neverCame + "', '+447700900123', now() - interval '1 minute')");
        }
        TopicWriter.publish(LifelineTestStack.infrastructure().kafka(), Topic.OTP_DELIVERY_STATUS, EventEnvelope.of(delivered.toString(),
                new OtpDeliveryStatusChanged(delivered, DeliveryStatus.DELIVERED, "alpha", 300L, null)));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT count(*) FROM sms_request WHERE challenge_id = '"
                + delivered + "' AND delivered_at IS NOT NULL") == 1);

        channelBecomes(SmsChannelState.DOWN);
        assertEquals(0, count("SELECT count(*) FROM sms_request WHERE challenge_id = '" + old + "' AND NOT charged"),
                "the text from two hours ago still counts");
        assertEquals(0, count("SELECT count(*) FROM sms_request WHERE challenge_id = '" + delivered + "' AND NOT charged"),
                "a text that arrived still counts, even in the last half hour");
        assertEquals(1, count("SELECT count(*) FROM sms_request WHERE challenge_id = '" + neverCame + "' AND NOT charged"),
                "the text that never came is forgiven");
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private void channelBecomes(SmsChannelState state) throws Exception {
        TopicWriter.publish(LifelineTestStack.infrastructure().kafka(), Topic.SMS_CHANNEL_HEALTH,
                EventEnvelope.of("sms", new SmsChannelHealthChanged(state, "test: " + state, Instant.now())));
        await("auth-service following the channel to " + state).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT state FROM sms_channel")) {
                        return rs.next() && state.name().equals(rs.getString(1));
                    }
                });
    }

    private static String signUp() {
        String username = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "lantern harbour quiet meadow", "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201);
        return username;
    }

    private static String signIn(String username) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "lantern harbour quiet meadow"))
                .post("/api/login").then().statusCode(200).body("status", equalTo("AUTHENTICATED"))
                .extract().path("tokens.refreshToken");
    }

    private static io.restassured.response.Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/token/refresh");
    }

    private double sessionLifetimeSeconds(String username) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT extract(epoch FROM s.expires_at - s.created_at) FROM session s JOIN account a ON a.id = s.account_id "
                        + "WHERE a.username = '" + username + "' ORDER BY s.created_at LIMIT 1")) {
            assertTrue(rs.next());
            return rs.getDouble(1);
        }
    }

    private UUID accountId(String username) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT id FROM account WHERE username = '" + username + "'")) {
            assertTrue(rs.next());
            return UUID.fromString(rs.getString(1));
        }
    }
}
