package dev.lifeline.auth;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.AccountRecovered;
import dev.lifeline.contracts.events.RecoveryTicketChanged;
import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.contracts.events.SessionsRevoked;
import dev.lifeline.contracts.events.TwoFactorDisabled;
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

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
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
class AccountRecoveryTest {

    private static final String PASSWORD = "harbour lantern quiet meadow";

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
        EventEnvelope approved = EventEnvelope.of(ticket.toString(),
                new RecoveryTicketChanged(ticket, account, RecoveryTicketStatus.APPROVED, List.of("agent1", "agent2"), "hold ended"));
        TopicWriter.publish(bootstrap(), Topic.RECOVERY_TICKETS, approved);
        TopicWriter.publish(bootstrap(), Topic.RECOVERY_TICKETS, approved);

        List<EventEnvelope> events = TopicReader.events(bootstrap(), Topic.ACCOUNT_SECURITY_EVENTS, List.of(account.toString()), 4,
                Duration.ofSeconds(20));
        assertEquals(1, events.stream().filter(e -> e.payload() instanceof AccountRecovered r && r.ticketId().equals(ticket)).count(),
                "carried out once: " + events);
        assertTrue(events.stream().anyMatch(e -> e.payload() instanceof TwoFactorDisabled));
        assertTrue(events.stream().anyMatch(e -> e.payload() instanceof SessionsRevoked r && r.count() == 1));

        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/token/refresh").then()
                .statusCode(401);
        given().post("/api/login/challenges/" + pending + "/sms").then().statusCode(410).body("code", equalTo("challenge_expired"));
        String limited = signIn(username).then().statusCode(200)
                .body("status", equalTo("ENROLLMENT_REQUIRED"))
                .body("notices[0].type", equalTo("two_factor_enrollment_required"))
                .extract().path("tokens.accessToken");
        given().auth().oauth2(limited).get("/api/me").then().statusCode(200).body("twoFactor.sms.enabled", equalTo(false));
        given().auth().oauth2(limited).get("/api/me/sessions").then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("enrollment_required"));
    }

    private static io.restassured.response.Response signIn(String username) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD)).post("/api/login");
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

    private static String bootstrap() {
        return LifelineTestStack.infrastructure().kafka().bootstrapServers();
    }
}
