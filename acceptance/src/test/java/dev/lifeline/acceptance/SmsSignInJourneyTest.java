package dev.lifeline.acceptance;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** The first whole journey: sign up, turn on SMS two-factor, sign in with a code from a text message. */
class SmsSignInJourneyTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void signUpEnrollSmsAndSignInWithACodeThroughTheGateway() {
        Person alice = new Person(system);

        alice.register().then().statusCode(201)
                .body("id", notNullValue())
                .body("username", equalTo(alice.username));

        String firstToken = alice.login().then().statusCode(200)
                .body("status", equalTo("AUTHENTICATED"))
                .body("tokens.tokenType", equalTo("Bearer"))
                .body("tokens.expiresIn", greaterThan(0))
                .extract().path("tokens.accessToken");

        // a text goes to a new number only for an account whose email is proven
        alice.api(firstToken).body(Map.of("phone", alice.phone)).post("/api/me/2fa/sms").then()
                .statusCode(403).body("code", equalTo("email_verification_required"));
        alice.confirmEmail(firstToken);
        alice.api(firstToken).body(Map.of("phone", "+44 7700 " + alice.phone.substring(7))).post("/api/me/2fa/sms").then()
                .statusCode(202)
                .body("maskedPhone", startsWith("+44"))
                .body("maskedPhone", endsWith(alice.phone.substring(alice.phone.length() - 3)))
                .body("resendAfterSeconds", greaterThan(0));
        alice.api(firstToken).body(Map.of("code", alice.awaitCode(1))).post("/api/me/2fa/sms/confirm").then()
                .statusCode(200)
                .body("enabled", equalTo(true));
        alice.api(firstToken).get("/api/me").then().statusCode(200)
                .body("username", equalTo(alice.username))
                .body("email", equalTo(alice.email))
                .body("twoFactor.sms.enabled", equalTo(true))
                .body("twoFactor.sms.maskedPhone", endsWith(alice.phone.substring(alice.phone.length() - 3)))
                .body("twoFactor.totp.enabled", equalTo(false));

        String challengeId = alice.login().then().statusCode(200)
                .body("status", equalTo("SECOND_FACTOR_REQUIRED"))
                .body("challenge.recommended", equalTo("sms"))
                .body("challenge.smsChannel", equalTo("HEALTHY"))
                .body("challenge.expiresAt", notNullValue())
                .body("challenge.methods.method", hasItem("sms"))
                .body("challenge.methods.find { it.method == 'sms' }.available", equalTo(true))
                .extract().path("challenge.id");

        alice.api().post("/api/login/challenges/" + challengeId + "/sms").then().statusCode(202)
                .body("maskedPhone", notNullValue());
        String code = alice.awaitCode(2);

        Map<String, Object> tokens = alice.api().body(Map.of("method", "sms", "code", code))
                .post("/api/login/challenges/" + challengeId + "/verify").then()
                .statusCode(200)
                .body("status", equalTo("AUTHENTICATED"))
                .body("tokens.accessToken", notNullValue())
                .body("tokens.refreshToken", notNullValue())
                .extract().path("tokens");

        String accessToken = (String) tokens.get("accessToken");
        alice.api(accessToken).get("/api/me").then().statusCode(200).body("username", equalTo(alice.username));
        alice.api(accessToken).get("/api/me/sessions").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("find { it.current }.id", notNullValue());

        String refreshed = alice.api().body(Map.of("refreshToken", tokens.get("refreshToken"))).post("/api/token/refresh").then()
                .statusCode(200).body("tokens.accessToken", notNullValue()).extract().path("tokens.refreshToken");
        alice.api(accessToken).post("/api/logout").then().statusCode(204);
        alice.api(accessToken).get("/api/me").then().statusCode(401).contentType("application/problem+json");
        alice.api().body(Map.of("refreshToken", refreshed)).post("/api/token/refresh").then().statusCode(401);
        alice.api(firstToken).get("/api/me").then().statusCode(200);
    }

    @Test
    void theJwksPublishesTheKeyThatSignsAccessTokens() {
        new Person(system).api().get("/api/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].kid", notNullValue())
                .body("keys[0].d", org.hamcrest.Matchers.nullValue());
    }
}
