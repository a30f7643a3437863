package dev.lifeline.auth;

import dev.lifeline.auth.domain.DevStaffAccounts;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.Oathtool;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
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

    private static final String PASSWORD = "lifeline-dev-password";

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @CsvSource({"agent1, agent", "agent2, agent", "ops1, ops"})
    void seededStaffSignInWithTheirAppAndGetTheirRoleInTheAccessToken(String username, String role) throws Exception {
        Assumptions.assumeTrue(Oathtool.available(), "oathtool is not installed (.ci/run installs it)");
        ExtractableResponse<Response> first = login(username, PASSWORD).then().statusCode(200)
                .body("status", equalTo("SECOND_FACTOR_REQUIRED")).body("challenge.recommended", equalTo("totp")).extract();
        Oathtool.awayFromAStepBoundary();
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("method", "totp", "code", Oathtool.code(DevStaffAccounts.DEV_TOTP_SECRET, Instant.now())))
                .post("/api/login/challenges/" + first.path("challenge.id") + "/verify").then().statusCode(200)
                .body("status", equalTo("AUTHENTICATED")).extract().path("tokens.accessToken");
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
        String token = login(username, password).then().statusCode(200).body("status", equalTo("AUTHENTICATED"))
                .body("notices.type", hasItem("staff_second_factor_required")).extract().path("tokens.accessToken");
        assertEquals(Set.of("user"), groups(token));
    }

    private static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/api/login");
    }

    private static Set<String> groups(String token) throws Exception {
        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build().processToClaims(token);
        return Set.copyOf(claims.getStringListClaimValue("groups"));
    }
}
