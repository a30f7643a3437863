package dev.lifeline.auth;

import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.Oathtool;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Staff need a second factor beyond SMS: the local stack's seeded staff sign in with the documented
 * password and the documented dev-only authenticator secret (the code computed by oathtool, not by
 * Lifeline), and a staff account without an app or a passkey gets no staff role at all.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class StaffAccountsTest {

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @CsvSource({"agent1, agent", "agent2, agent", "ops1, ops", "admin1, admin"})
    void seededStaffSignInWithTheirAppAndGetTheirRoleInTheAccessToken(String username, String role) throws Exception {
        Assumptions.assumeTrue(Oathtool.available(), "oathtool is not installed (.ci/run installs it)");
        String token = StaffSignIn.accessToken(username);
        assertEquals(Set.of("user", role), groups(token));
    }

    @Test
    void aStaffAccountWithoutAnAppOrPasskeyGetsNoStaffRole() throws Exception {
        String username = "newagent" + UUID.randomUUID().toString().substring(0, 8);
        String password = "plum sextant orbit lantern";
        given().contentType(ContentType.JSON).body(Map.of("username", username, "email", username + "@example.org", "password", password))
                .post("/api/accounts").then().statusCode(201);
        try (Connection c = dataSource.getConnection();
             PreparedStatement promote = c.prepareStatement("UPDATE account SET roles = '{user,agent}' WHERE username = ?")) {
            promote.setString(1, username);
            assertEquals(1, promote.executeUpdate());
        }
        // the password alone (or a stolen one) signs in as a person, never as an agent
        String token = StaffSignIn.login(username, password).then().statusCode(200).body("status", equalTo("AUTHENTICATED"))
                .body("notices.type", hasItem("staff_second_factor_required")).extract().path("tokens.accessToken");
        assertEquals(Set.of("user"), groups(token));
    }

    @Test
    void aStrangerGuessingAStaffPasswordFromElsewhereLocksOutOnlyThemselves() {
        for (int i = 0; i < 12; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.66")
                    .body(Map.of("username", "agent2", "password", "guess number " + i)).post("/api/login");
        }
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.66")
                .body(Map.of("username", "agent2", "password", StaffSignIn.PASSWORD)).post("/api/login")
                .then().statusCode(429).body("code", equalTo("account_locked"));
        // the agent at the desk is not locked out by it
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.7")
                .body(Map.of("username", "agent2", "password", StaffSignIn.PASSWORD)).post("/api/login")
                .then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED"));
    }

    private static Set<String> groups(String token) throws Exception {
        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build().processToClaims(token);
        return Set.copyOf(claims.getStringListClaimValue("groups"));
    }
}
