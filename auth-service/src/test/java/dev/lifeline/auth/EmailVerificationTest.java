package dev.lifeline.auth;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.EmailAddressChanged;
import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-up sends a code to the new address; typing it back confirms the address. Guessing is hopeless:
 * five tries per code, then only a new code (at most one a minute) helps.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class EmailVerificationTest {

    private static final String PASSWORD = "quiet harbour under amber lanterns";
    private static final Pattern CODE = Pattern.compile(": ([0-9]{6})\\n");

    @Test
    void theCodeSentAtSignUpConfirmsTheAddress() {
        Account account = signUp();
        me(account.token()).then().body("emailVerified", equalTo(false));

        verify(account.token(), wrongOne(account.code())).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_code")).body("attemptsLeft", equalTo(4));
        verify(account.token(), account.code()).then().statusCode(204);
        me(account.token()).then().body("emailVerified", equalTo(true));
        given().auth().oauth2(account.token()).post("/api/me/email/verification").then().statusCode(409)
                .body("code", equalTo("email_already_verified"));
    }

    @Test
    void fiveWrongTriesUseTheCodeUpAndANewOneIsAMinuteAway() {
        Account account = signUp();
        for (int left = 4; left >= 0; left--) {
            verify(account.token(), wrongOne(account.code())).then().statusCode(400).body("attemptsLeft", equalTo(left));
        }
        // the right code no longer helps: a sixth guess would be one in a million too many
        verify(account.token(), account.code()).then().statusCode(409).body("code", equalTo("no_code_pending"));
        given().auth().oauth2(account.token()).post("/api/me/email/verification").then().statusCode(429)
                .header("Retry-After", equalTo("60"));
        me(account.token()).then().body("emailVerified", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("code", account.code())).post("/api/me/email/verify").then().statusCode(401);
    }

    @Test
    void theEmailsLinkCarriesTheCodeAndVerifyingIsAnnouncedToTheOtherServices() {
        Account account = signUp();
        assertTrue(account.mailText().contains("http://localhost:8080/account#verify-email=" + account.code()), account.mailText());
        verify(account.token(), account.code()).then().statusCode(204);
        List<EventEnvelope> events = TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.ACCOUNT_SECURITY_EVENTS,
                List.of(account.id()), 2, Duration.ofSeconds(20));
        assertTrue(events.stream().anyMatch(e -> e.payload() instanceof EmailAddressChanged c && c.verified()
                && c.email().equals(account.username() + "@example.org")), events.toString());
    }

    @Test
    void changingTheAddressNeedsARecentSignInAndStartsUnverifiedWithACodeToTheNewAddress() throws Exception {
        Account account = signUp();
        verify(account.token(), account.code()).then().statusCode(204);
        String newAddress = "new-" + account.username() + "@example.net";

        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build()
                .processToClaims(account.token());
        dev.lifeline.auth.persistence.Account stored = QuarkusTransaction.requiringNew().call(() ->
                dev.lifeline.auth.persistence.Account.findByUsername(account.username()).orElseThrow());
        String stale = accessTokens.issue(stored, UUID.fromString(claims.getStringClaimValue("sid")),
                Instant.now().minus(Duration.ofMinutes(10)), stored.roleSet());
        change(stale, newAddress).then().statusCode(403).body("code", equalTo("reauthentication_required"));
        change(account.token(), "not an address").then().statusCode(400).contentType("application/problem+json");
        change(account.token(), account.username() + "@example.org").then().statusCode(409).body("code", equalTo("email_unchanged"));
        me(account.token()).then().body("email", equalTo(account.username() + "@example.org")).body("emailVerified", equalTo(true));

        change(account.token(), newAddress).then().statusCode(204);
        me(account.token()).then().body("email", equalTo(newAddress)).body("emailVerified", equalTo(false));
        List<EventEnvelope> mails = TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.NOTIFY_EMAIL,
                List.of(account.id()), 2, Duration.ofSeconds(20));
        EmailRequested second = (EmailRequested) mails.get(1).payload();
        assertEquals(List.of(newAddress), second.to());
        Matcher code = CODE.matcher(second.text());
        assertTrue(code.find(), second.text());
        List<EventEnvelope> events = TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.ACCOUNT_SECURITY_EVENTS,
                List.of(account.id()), 4, Duration.ofSeconds(20));
        assertTrue(events.stream().anyMatch(e -> e.payload() instanceof EmailAddressChanged c && !c.verified()
                && c.email().equals(newAddress)), events.toString());
        verify(account.token(), code.group(1)).then().statusCode(204);
        me(account.token()).then().body("emailVerified", equalTo(true));
    }

    private static Response change(String token, String email) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", email)).put("/api/me/email");
    }

    @Inject
    AccessTokens accessTokens;

    private record Account(String id, String username, String token, String code, String mailText) {
    }

    private static Account signUp() {
        String username = "e" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String email = username + "@example.org";
        String id = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "email", email))
                .post("/api/accounts").then().statusCode(201).extract().path("id");
        List<EventEnvelope> mails = TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.NOTIFY_EMAIL, List.of(id), 1,
                Duration.ofSeconds(20));
        EmailRequested mail = (EmailRequested) mails.get(0).payload();
        assertEquals(List.of(email), mail.to());
        assertEquals("Confirm your email address for Lifeline", mail.subject());
        Matcher code = CODE.matcher(mail.text());
        assertTrue(code.find(), mail.text());
        String token = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .post("/api/login").then().statusCode(200).extract().path("tokens.accessToken");
        return new Account(id, username, token, code.group(1), mail.text());
    }

    private static String wrongOne(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static Response verify(String token, String code) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/me/email/verify");
    }

    private static Response me(String token) {
        return given().auth().oauth2(token).get("/api/me");
    }
}
