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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
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
                    "lifeline.auth.outage.refresh-extension-factor", "3");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void channelHealthyAgain() throws Exception {
        channelBecomes(SmsChannelState.HEALTHY);
    }

    @Test
    void aHealthyChannelEndsIdleSessions() throws Exception {
        String refreshToken = signIn(signUp());
        Thread.sleep(2_500);
        refresh(refreshToken).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("invalid_refresh_token"));
    }

    @Test
    void duringAnOutageIdleSessionsLiveOnAndARefreshStretchesTheirLife() throws Exception {
        String username = signUp();
        String refreshToken = signIn(username);
        channelBecomes(SmsChannelState.DEGRADED);

        Thread.sleep(2_500);
        var refreshed = refresh(refreshToken).then().statusCode(200).extract();
        given().auth().oauth2(refreshed.<String>path("tokens.accessToken")).get("/api/me/sessions").then()
                .statusCode(200).body("$", hasSize(1));
        assertEquals(60.0, sessionLifetimeSeconds(username), 1.5, "20 s sessions live three times as long");

        channelBecomes(SmsChannelState.HEALTHY);
        Thread.sleep(2_500);
        refresh(refreshed.path("tokens.refreshToken")).then().statusCode(401);
    }

    @Test
    void textsAskedForJustBeforeTheFailureWasSeenStopCountingAgainstTheCaps() throws Exception {
        UUID account = accountId(signUp());
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("INSERT INTO sms_request (account_id, phone, requested_at) VALUES "
                    + "('" + account + "', '+447700900123', now() - interval '2 hours'), "
                    + "('" + account + "', '+447700900123', now() - interval '5 minutes'), "
                    + "('" + account + "', '+447700900123', now() - interval '1 minute')");
        }
        channelBecomes(SmsChannelState.DOWN);
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FILTER (WHERE charged), count(*) FILTER (WHERE NOT charged) FROM sms_request WHERE account_id = '" + account + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the text from two hours ago still counts");
            assertEquals(2, rs.getInt(2), "the texts of the last half hour are forgiven");
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private void channelBecomes(SmsChannelState state) throws Exception {
        TopicWriter.publish(LifelineTestStack.infrastructure().kafka().bootstrapServers(), Topic.SMS_CHANNEL_HEALTH,
                EventEnvelope.of("sms", new SmsChannelHealthChanged(state, "test: " + state, Instant.now())));
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT state FROM sms_channel")) {
                rs.next();
                if (state.name().equals(rs.getString(1))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("auth-service did not follow the channel to " + state);
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
