package dev.lifeline.acceptance;

import dev.lifeline.contracts.totp.Totp;
import io.restassured.specification.RequestSpecification;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Production has no seeded agents: an admin makes one through the gateway, the new agent sets a
 * password from the emailed link, adds an authenticator app, and works a real ticket: it sends a code
 * to the account's address, the requester types it back, and its approval with a second agent starts
 * the hold.
 */
class StaffAdministrationTest {

    private static final Pattern SET_PASSWORD = Pattern.compile("/reset-password#([A-Za-z0-9_-]+)");
    private final RunningSystem system = RunningSystem.get();

    @Test
    void anAdminMakesAnAgentWhoSetsUpTheirSignInAndWorksATicket() {
        String name = "desk" + UUID.randomUUID().toString().substring(0, 8);
        String email = name + "@lifeline.example";
        gateway(system.staffToken("admin1")).body(Map.of("username", name, "email", email, "role", "agent"))
                .post("/api/admin/staff").then().statusCode(201).body("roles", equalTo(List.of("agent")));

        // the new agent's password comes from the link in their email
        String text = system.awaitMail(email, "Your Lifeline staff account").get(0).text();
        Matcher link = SET_PASSWORD.matcher(text);
        assertTrue(link.find(), text);
        String password = "tidewater " + UUID.randomUUID().toString().substring(0, 6) + " compass rose";
        gateway(null).body(Map.of("token", link.group(1), "newPassword", password)).post("/api/password-resets").then().statusCode(204);

        // the password alone gives no desk; an authenticator app does
        String userOnly = gateway(null).body(Map.of("username", name, "password", password)).post("/api/login").then().statusCode(200)
                .body("notices.type", hasItem("staff_second_factor_required")).extract().path("tokens.accessToken");
        gateway(userOnly).get("/api/agent/tickets").then().statusCode(403);
        String secret = gateway(userOnly).post("/api/me/2fa/totp").then().statusCode(201).extract().path("secret");
        long step = Totp.stepAt(Instant.now());
        gateway(userOnly).body(Map.of("code", Totp.code(new Base32().decode(secret), step))).post("/api/me/2fa/totp/confirm")
                .then().statusCode(200);
        String challenge = gateway(null).body(Map.of("username", name, "password", password)).post("/api/login").then()
                .statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED")).extract().path("challenge.id");
        // a code works once: the sign-in takes the app's next one (accepted as clock drift)
        String agent = gateway(null).body(Map.of("method", "totp", "code", Totp.code(new Base32().decode(secret), step + 1)))
                .post("/api/login/challenges/" + challenge + "/verify").then().statusCode(200).extract().path("tokens.accessToken");

        // a real ticket: the owner asks, the new agent reaches the account's address with a code
        Person owner = new Person(system);
        owner.registerWithSmsTwoFactor();
        Map<String, Object> opened = owner.api().body(Map.of("username", owner.username, "contactEmail", "me-" + owner.email,
                "details", "Phone lost at sea.")).post("/api/recovery-tickets").then().statusCode(202).extract().as(Map.class);
        String ticket = String.valueOf(opened.get("ticketId"));
        gateway(agent).post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200);
        gateway(agent).post("/api/agent/tickets/" + ticket + "/email-code").then().statusCode(202)
                .body("addressVerified", equalTo(true));
        owner.api().body(Map.of("trackingCode", opened.get("trackingCode"), "code", owner.codeInMail("Your Lifeline support code")))
                .post("/api/recovery-tickets/" + ticket + "/email-code").then().statusCode(204);
        for (String check : List.of("history-matches", "no-takeover-signs")) {
            gateway(agent).body(Map.of("name", check, "passed", true, "note", "asked on the phone"))
                    .post("/api/agent/tickets/" + ticket + "/checks").then().statusCode(200);
        }
        gateway(agent).get("/api/agent/tickets/" + ticket).then().statusCode(200)
                .body("checks.find { it.name == 'account-email-reached' }.passed", equalTo(true));
        gateway(agent).body(Map.of("note", "email code, history and no takeover")).post("/api/agent/tickets/" + ticket + "/approve")
                .then().statusCode(200);

        // the second approver is a seeded agent, doing every check themselves
        RequestSpecification second = gateway(system.staffToken("agent1"));
        second.post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200);
        for (String check : RunningSystem.CHECKS) {
            gateway(system.staffToken("agent1")).body(Map.of("name", check, "passed", true, "note", "checked again"))
                    .post("/api/agent/tickets/" + ticket + "/checks").then().statusCode(200);
        }
        gateway(system.staffToken("agent1")).body(Map.of("note", "agreed")).post("/api/agent/tickets/" + ticket + "/approve")
                .then().statusCode(200).body("status", equalTo("ON_HOLD"));

        gateway(system.staffToken("admin1")).get("/api/admin/audit").then().statusCode(200)
                .body("findAll { it.target == '" + name + "' }.action", hasItem("staff_created"));
    }

    private RequestSpecification gateway(String accessToken) {
        RequestSpecification request = given().baseUri(system.gatewayUrl()).contentType("application/json");
        return accessToken == null ? request : request.auth().oauth2(accessToken);
    }
}
