package dev.lifeline.auth;

import dev.lifeline.devstack.LifelineTestStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local stack's staff sign in with the documented password and get their role in the token. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class StaffAccountsTest {

    @ParameterizedTest
    @CsvSource({"agent1, agent", "agent2, agent", "ops1, ops"})
    void seededStaffGetTheirRoleInTheAccessToken(String username, String role) throws Exception {
        String token = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "lifeline-dev-password"))
                .post("/api/login").then().statusCode(200).extract().path("tokens.accessToken");
        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build().processToClaims(token);
        assertEquals(Set.of("user", role), Set.copyOf(claims.getStringListClaimValue("groups")));
    }
}
