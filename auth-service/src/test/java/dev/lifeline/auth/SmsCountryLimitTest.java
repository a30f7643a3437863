package dev.lifeline.auth;

import dev.lifeline.devstack.LifelineTestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * New numbers in one country per hour: past the limit, the country's next new number waits, whatever
 * its prefix, account or address; another country's does not. (Module tests text no other new UK
 * numbers, so the count starts from this test's own.)
 */
@QuarkusTest
@TestProfile(SmsCountryLimitTest.ThreePerCountry.class)
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class SmsCountryLimitTest {

    public static class ThreePerCountry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.auth.sms.velocity.per-country-per-hour", "3");
        }
    }

    private static final String PASSWORD = "granite steps to the lighthouse";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void pastItsHourlyLimitACountrysNextNewNumberWaits() throws Exception {
        for (int i = 0; i < 3; i++) {
            enroll(signUp(), "192.0.2." + (100 + i), "+447700900" + (700 + i)).then().statusCode(202);
        }
        enroll(signUp(), "192.0.2.110", "+447700900710").then().statusCode(429).body("limit", equalTo("country"));
        enroll(signUp(), "192.0.2.111", "+61491570710").then().statusCode(202);
    }

    private String signUp() throws Exception {
        String username = "land" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201);
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute("UPDATE account SET email_verified = true WHERE username = '" + username + "'");
        }
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD)).post("/api/login")
                .then().statusCode(200).extract().path("tokens.accessToken");
    }

    private static io.restassured.response.Response enroll(String token, String address, String phone) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("phone", phone)).post("/api/me/2fa/sms");
    }
}
