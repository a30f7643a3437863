package dev.lifeline.acceptance;

import dev.lifeline.devstack.testing.Oathtool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Staff need a second factor beyond SMS, through the gateway: an agent whose account has only a
 * password signs in as a person and can neither work the queue nor override the SMS channel; with an
 * authenticator app set up and used at sign-in, the same account is an agent.
 */
class StaffSecondFactorTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void anAgentWithoutAnAppOrPasskeyCannotWorkTheQueueUntilTheySetOneUp() throws Exception {
        Assumptions.assumeTrue(Oathtool.available(), "oathtool is not installed (apt-get install oathtool; .ci/run does)");
        Person sam = new Person(system);
        sam.register().then().statusCode(201);
        grantRoles(sam, "{user,agent,ops}");

        // the password alone, perhaps a leaked one: a person's session, not an agent's
        String passwordOnly = sam.login().then().statusCode(200).body("status", equalTo("AUTHENTICATED"))
                .body("notices.type", hasItem("staff_second_factor_required")).extract().path("tokens.accessToken");
        sam.api(passwordOnly).get("/api/agent/tickets").then().statusCode(403).contentType("application/problem+json");
        sam.api(passwordOnly).body(Map.of("state", "DOWN", "reason", "x", "minutes", 5)).put("/api/ops/sms-health/override")
                .then().statusCode(403);
        assertEquals("HEALTHY", system.smsChannel());

        String secret = sam.api(passwordOnly).post("/api/me/2fa/totp").then().statusCode(201).extract().path("secret");
        Oathtool.awayFromAStepBoundary();
        sam.api(passwordOnly).body(Map.of("code", Oathtool.code(secret, Instant.now()))).post("/api/me/2fa/totp/confirm")
                .then().statusCode(200);
        String challenge = sam.login().then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED"))
                .body("challenge.recommended", equalTo("totp")).extract().path("challenge.id");
        String agent = sam.api().body(Map.of("method", "totp", "code", Oathtool.code(secret, Instant.now().plusSeconds(30))))
                .post("/api/login/challenges/" + challenge + "/verify").then().statusCode(200).extract().path("tokens.accessToken");
        sam.api(agent).get("/api/agent/tickets").then().statusCode(200);
        sam.api(agent).get("/api/ops/sms-health").then().statusCode(200);
    }

    private void grantRoles(Person person, String roles) throws Exception {
        try (Connection auth = system.database("auth");
             PreparedStatement grant = auth.prepareStatement("UPDATE account SET roles = ?::text[] WHERE username = ?")) {
            grant.setString(1, roles);
            grant.setString(2, person.username);
            assertEquals(1, grant.executeUpdate());
        }
    }
}
