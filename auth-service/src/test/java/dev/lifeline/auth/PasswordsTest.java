package dev.lifeline.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.devstack.LifelineTestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How passwords are chosen and kept, seen through the API and the account table. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class PasswordsTest {

    @Inject
    AccessTokens accessTokens;

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"password123", "qwertyuiop", "iloveyou1", "11111111", "abcdefgh", "letmein!"})
    void commonAndGuessablePasswordsAreRefused(String password) {
        register(newName(), password).then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("password_too_common"));
    }

    @Test
    void aPasswordBuiltOnTheUsernameIsRefused() {
        String name = "harriet" + UUID.randomUUID().toString().substring(0, 4);
        register(name, name + "2024").then().statusCode(400).body("code", equalTo("password_too_common"));
    }

    @Test
    void longPassphrasesNeedNoDigitsOrSymbols() {
        register(newName(), "quiet lantern over the meadow tide").then().statusCode(201);
    }

    @Test
    void passwordsAreStoredAsArgon2idAtOwaspParameters() throws Exception {
        String name = newName();
        register(name, "velvet orbit under quiet rain").then().statusCode(201);
        String hash = storedHash(name);
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(!hash.contains("velvet"), hash);
    }

    @Test
    void aHashMadeWithWeakerParametersIsReplacedAtTheNextSignIn() throws Exception {
        String name = newName();
        String password = "copper kettle by the north window";
        register(name, password).then().statusCode(201);
        String weak = Password.hash(password).addRandomSalt(16)
                .with(Argon2Function.getInstance(4096, 1, 1, 32, Argon2.ID)).getResult();
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE account SET password_hash = ? WHERE username = ?")) {
            update.setString(1, weak);
            update.setString(2, name);
            update.executeUpdate();
        }

        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password)).post("/api/login").then()
                .statusCode(200).body("status", equalTo("AUTHENTICATED"));

        String rehashed = storedHash(name);
        assertTrue(rehashed.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), rehashed);
    }

    @Test
    void usernamesAreCaseInsensitive() {
        String name = newName();
        register(name, "amber signal past the harbour").then().statusCode(201);
        register(name.toUpperCase(), "another amber signal past the harbour").then()
                .statusCode(409).contentType("application/problem+json").body("code", equalTo("username_taken"));
        given().contentType(ContentType.JSON).body(Map.of("username", name.toUpperCase(), "password", "amber signal past the harbour"))
                .post("/api/login").then().statusCode(200);
    }

    @Test
    void changingThePasswordTakesARecentSignInAndTheCurrentOneAndEndsEveryOtherSession() throws Exception {
        String name = newName();
        String old = "amber signal past the harbour";
        String next = "copper lantern under a quiet bridge";
        register(name, old).then().statusCode(201);
        io.restassured.path.json.JsonPath here = signIn(name, old).then().statusCode(200).extract().jsonPath();
        String elsewhere = signIn(name, old).then().statusCode(200).extract().path("tokens.refreshToken");
        String token = here.getString("tokens.accessToken");

        // the same session, but its proof is ten minutes old: a stolen, long-open session cannot do it
        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build().processToClaims(token);
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(name).orElseThrow());
        String stale = accessTokens.issue(account, UUID.fromString(claims.getStringClaimValue("sid")),
                Instant.now().minus(Duration.ofMinutes(10)), account.roleSet());
        change(stale, old, next).then().statusCode(403).body("code", equalTo("reauthentication_required"));
        change(token, "not my password at all", next).then().statusCode(401).body("code", equalTo("invalid_credentials"));
        change(token, old, "password").then().statusCode(400).contentType("application/problem+json");
        signIn(name, old).then().statusCode(200);

        change(token, old, next).then().statusCode(204);
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", elsewhere)).post("/api/token/refresh").then().statusCode(401);
        signIn(name, old).then().statusCode(401);
        signIn(name, next).then().statusCode(200);
    }

    private static io.restassured.response.Response change(String token, String current, String next) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next)).post("/api/me/password");
    }

    private static io.restassured.response.Response signIn(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/api/login");
    }

    private static io.restassured.response.Response register(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "email", username + "@example.org"))
                .post("/api/accounts");
    }

    private static String newName() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private String storedHash(String username) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT password_hash FROM account WHERE username = ?")) {
            select.setString(1, username.toLowerCase());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
