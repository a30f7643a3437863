package dev.lifeline.auth;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.AccountRecovered;
import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.contracts.events.RecoveryTicketChanged;
import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.contracts.events.SessionsRevoked;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.devstack.KafkaBroker;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicReader;
import dev.lifeline.devstack.testing.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An approved recovery ticket arrives on recovery.tickets: two-factor goes off, every session ends,
 * and until two-factor is on again the account can do nothing but enroll. Applied once, however
 * often the event comes.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
@WithTestResource(StandInTicketService.class)
class AccountRecoveryTest {

    private static final String PASSWORD = "harbour lantern quiet meadow";
    private static final String NEW_PASSWORD = "violet compass beneath the dunes";
    private static final Pattern RESET_TOKEN = Pattern.compile("/reset-password#([A-Za-z0-9_-]+)");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anApprovedTicketTurnsTwoFactorOffEndsEverySessionAndRequiresEnrollment() throws Exception {
        String username = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201);
        String refreshToken = signIn(username).then().statusCode(200).extract().path("tokens.refreshToken");
        UUID account = accountId(username);
        execute("UPDATE account SET sms_phone = '+447700900555' WHERE id = '" + account + "'");
        // a sign-in begun before the recovery, perhaps by whoever has the old phone
        String pending = signIn(username).then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED"))
                .extract().path("challenge.id");

        UUID ticket = UUID.randomUUID();
        StandInTicketService.TICKETS.put(ticket, ticketJson(ticket, account, "APPROVED"));
        EventEnvelope approved = EventEnvelope.of(ticket.toString(),
                new RecoveryTicketChanged(ticket, account, RecoveryTicketStatus.APPROVED, List.of("agent1", "agent2"), "hold ended"));
        TopicWriter.publish(broker(), Topic.RECOVERY_TICKETS, approved);
        TopicWriter.publish(broker(), Topic.RECOVERY_TICKETS, approved);

        List<EventEnvelope> events = TopicReader.events(broker(), Topic.ACCOUNT_SECURITY_EVENTS, List.of(account.toString()), 4,
                Duration.ofSeconds(20));
        assertEquals(1, events.stream().filter(e -> e.payload() instanceof AccountRecovered r && r.ticketId().equals(ticket)).count(),
                "carried out once: " + events);
        assertTrue(events.stream().anyMatch(e -> e.payload() instanceof TwoFactorDisabled));
        assertTrue(events.stream().anyMatch(e -> e.payload() instanceof SessionsRevoked r && r.count() == 1));

        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/token/refresh").then()
                .statusCode(401);
        given().post("/api/login/challenges/" + pending + "/sms").then().statusCode(410).body("code", equalTo("challenge_expired"));

        // the old password may be the attacker's: it no longer signs in; the owner's address has a one-time link
        signIn(username).then().statusCode(403).contentType("application/problem+json").body("code", equalTo("password_reset_required"));
        // the account's emails so far: the address confirmation at sign-up, then the reset link
        List<EventEnvelope> mails = TopicReader.events(broker(), Topic.NOTIFY_EMAIL, List.of(account.toString()), 2, Duration.ofSeconds(20));
        EmailRequested resetMail = mails.stream().map(e -> (EmailRequested) e.payload())
                .filter(m -> m.subject().equals("Set a new password for your Lifeline account")).findFirst().orElseThrow();
        assertEquals(List.of(username + "@example.org"), resetMail.to());
        Matcher link = RESET_TOKEN.matcher(resetMail.text());
        assertTrue(link.find(), resetMail.text());
        reset(link.group(1), "password").then().statusCode(400);
        reset("not-the-token", NEW_PASSWORD).then().statusCode(410).body("code", equalTo("reset_link_not_usable"));
        reset(link.group(1), NEW_PASSWORD).then().statusCode(204);
        reset(link.group(1), NEW_PASSWORD + " again").then().statusCode(410).body("code", equalTo("reset_link_not_usable"));
        signIn(username).then().statusCode(401);

        String limited = signIn(username, NEW_PASSWORD).then().statusCode(200)
                .body("status", equalTo("ENROLLMENT_REQUIRED"))
                .body("notices[0].type", equalTo("two_factor_enrollment_required"))
                .extract().path("tokens.accessToken");
        given().auth().oauth2(limited).get("/api/me").then().statusCode(200).body("twoFactor.sms.enabled", equalTo(false));
        given().auth().oauth2(limited).get("/api/me/sessions").then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("enrollment_required"));
        // auth-service asked ticket-service with a token for ticket-service alone
        String serviceToken = StandInTicketService.AUTHORIZATIONS.get(0).substring("Bearer ".length());
        String claims = new String(Base64.getUrlDecoder().decode(serviceToken.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"aud\":\"ticket-service\"") && claims.contains("\"sub\":\"auth-service\""), claims);
    }

    @Test
    void everySessionOfTheAccountIsToldOfARecoveryUnderWayUntilItEnds() throws Exception {
        String username = "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201);
        String token = signIn(username).then().statusCode(200).extract().path("tokens.accessToken");
        UUID account = accountId(username);
        UUID ticket = UUID.randomUUID();
        given().auth().oauth2(token).get("/api/me").then().statusCode(200).body("notices", empty());

        TopicWriter.publish(broker(), Topic.RECOVERY_TICKETS, EventEnvelope.of(ticket.toString(),
                new RecoveryTicketChanged(ticket, account, RecoveryTicketStatus.OPEN, List.of(), "request from someone")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/api/me").then()
                .body("notices.type", equalTo(List.of("recovery_requested")))
                .body("notices[0].action", equalTo("POST /api/me/recovery-tickets/" + ticket + "/cancel")));

        TopicWriter.publish(broker(), Topic.RECOVERY_TICKETS, EventEnvelope.of(ticket.toString(),
                new RecoveryTicketChanged(ticket, account, RecoveryTicketStatus.CANCELLED, List.of(), "cancelled by the owner")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/api/me").then()
                .body("notices", empty()));
    }

    @Test
    void anApprovalTicketServiceDoesNotConfirmChangesNothing() throws Exception {
        String username = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201);
        String accessToken = signIn(username).then().statusCode(200).extract().path("tokens.accessToken");
        UUID account = accountId(username);
        execute("UPDATE account SET sms_phone = '+447700900556' WHERE id = '" + account + "'");

        // forged: a ticket ticket-service never heard of; replayed: a real ticket, but already completed;
        // misdirected: a real approval, but for another account
        UUID forged = UUID.randomUUID();
        UUID completed = UUID.randomUUID();
        StandInTicketService.TICKETS.put(completed, ticketJson(completed, account, "COMPLETED"));
        UUID otherAccounts = UUID.randomUUID();
        StandInTicketService.TICKETS.put(otherAccounts, ticketJson(otherAccounts, UUID.randomUUID(), "APPROVED"));
        List<EventEnvelope> claims = List.of(forged, completed, otherAccounts).stream()
                .map(ticket -> EventEnvelope.of(ticket.toString(), new RecoveryTicketChanged(ticket, account,
                        RecoveryTicketStatus.APPROVED, List.of("agent1", "agent2"), "hold ended")))
                .toList();
        claims.forEach(claim -> TopicWriter.publish(broker(), Topic.RECOVERY_TICKETS, claim));

        await().atMost(Duration.ofSeconds(20)).until(() -> claims.stream().allMatch(claim -> applied(claim.eventId())));
        given().auth().oauth2(accessToken).get("/api/me").then().statusCode(200)
                .body("twoFactor.sms.enabled", equalTo(true));
        signIn(username).then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED"));
    }

    /** The consumer is done with the event (whatever it decided). */
    private boolean applied(UUID eventId) {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT 1 FROM applied_event WHERE consumer = 'auth-recovery' AND event_id = '" + eventId + "'")) {
            return rs.next();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ticketJson(UUID ticket, UUID account, String status) {
        return "{\"ticketId\":\"" + ticket + "\",\"accountId\":\"" + account + "\",\"status\":\"" + status + "\"}";
    }

    private static io.restassured.response.Response signIn(String username) {
        return signIn(username, PASSWORD);
    }

    private static io.restassured.response.Response signIn(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/api/login");
    }

    private static io.restassured.response.Response reset(String token, String newPassword) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", newPassword)).post("/api/password-resets");
    }

    private UUID accountId(String username) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT id FROM account WHERE username = '" + username + "'")) {
            assertTrue(rs.next());
            return UUID.fromString(rs.getString(1));
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate(sql);
        }
    }

    private static KafkaBroker broker() {
        return LifelineTestStack.infrastructure().kafka();
    }
}
