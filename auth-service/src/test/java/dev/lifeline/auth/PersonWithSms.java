package dev.lifeline.auth;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Someone who signed up and has texts as their second factor. otp-service does not run in auth-service's
 * tests, so the phone is put on the account directly, as a finished enrollment would have left it.
 */
record PersonWithSms(String username, String password) {

    static final String PASSWORD = "copper kettles along the harbour";

    static PersonWithSms signUp(AgroalDataSource dataSource, String phone) throws SQLException {
        String username = "sms" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201);
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute("UPDATE account SET email_verified = true, sms_phone = '" + phone + "' WHERE username = '" + username + "'");
        }
        return new PersonWithSms(username, PASSWORD);
    }

    /** The password step: answers the sign-in step that waits for a second factor. */
    String startSignIn() {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/api/login")
                .then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED")).extract().path("challenge.id");
    }
}
