package dev.lifeline.acceptance;

import dev.lifeline.devstack.testing.Oathtool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * An authenticator app as a second factor, through the gateway. Every code here comes from
 * {@code oathtool}, an authenticator app's algorithm computed outside Lifeline.
 */
class AuthenticatorAppTest {

    private final RunningSystem system = RunningSystem.get();

    @BeforeEach
    void anAuthenticatorApp() {
        Assumptions.assumeTrue(Oathtool.available(), "oathtool is not installed (apt-get install oathtool; .ci/run does)");
    }

    @Test
    void setUpAnAppSignInWithItEachCodeOnceOneStepOfDrift() {
        Person ada = new Person(system);
        ada.register().then().statusCode(201);
        String token = ada.login().then().statusCode(200).body("status", equalTo("AUTHENTICATED")).extract().path("tokens.accessToken");

        var setup = ada.api(token).post("/api/me/2fa/totp").then().statusCode(201)
                .body("otpauthUri", startsWith("otpauth://totp/Lifeline%3A" + ada.username + "?secret="))
                .body("otpauthUri", containsString("&issuer=Lifeline"))
                .body("qrSvg", startsWith("<svg"))
                .extract();
        String secret = setup.path("secret");
        // the app's clock runs a step behind: still accepted
        Oathtool.awayFromAStepBoundary();
        List<String> backupCodes = ada.api(token).body(Map.of("code", Oathtool.code(secret, Instant.now().minusSeconds(30))))
                .post("/api/me/2fa/totp/confirm").then().statusCode(200)
                .body("enabled", equalTo(true)).body("backupCodes", hasSize(10))
                .extract().jsonPath().getList("backupCodes", String.class);
        ada.api(token).get("/api/me").then().body("twoFactor.totp.enabled", equalTo(true));

        String challenge = ada.login().then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED"))
                .body("challenge.recommended", equalTo("totp"))
                .body("challenge.methods.find { it.method == 'totp' }.available", equalTo(true))
                .body("challenge.methods.find { it.method == 'sms' }.available", equalTo(false))
                .extract().path("challenge.id");
        Oathtool.awayFromAStepBoundary();
        String ahead = Oathtool.code(secret, Instant.now().plusSeconds(30));
        String twoAhead = Oathtool.code(secret, Instant.now().plusSeconds(60));
        ada.api().body(Map.of("method", "totp", "code", twoAhead)).post("/api/login/challenges/" + challenge + "/verify").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("invalid_code"));
        // a step ahead is accepted, once
        ada.api().body(Map.of("method", "totp", "code", ahead)).post("/api/login/challenges/" + challenge + "/verify").then()
                .statusCode(200).body("status", equalTo("AUTHENTICATED"));
        String again = ada.login().then().statusCode(200).extract().path("challenge.id");
        ada.api().body(Map.of("method", "totp", "code", ahead)).post("/api/login/challenges/" + again + "/verify").then()
                .statusCode(401).body("code", equalTo("code_used"));
        // the backup codes made when the app was turned on work too
        ada.api().body(Map.of("method", "backup_code", "code", backupCodes.get(0))).post("/api/login/challenges/" + again + "/verify")
                .then().statusCode(200);
        // the owner hears of it, as for SMS
        await().atMost(Duration.ofSeconds(20)).until(() -> system.mailTo(ada.email).stream()
                .anyMatch(mail -> mail.text().contains("Two-step sign-in (totp) was turned on")));
    }

    @Test
    void whileSmsIsDownSomeoneWithAnAppIsSentToIt() {
        Person bo = new Person(system);
        String token = bo.registerWithSmsTwoFactor();
        String secret = bo.api(token).post("/api/me/2fa/totp").then().statusCode(201).extract().path("secret");
        Oathtool.awayFromAStepBoundary();
        bo.api(token).body(Map.of("code", Oathtool.code(secret, Instant.now()))).post("/api/me/2fa/totp/confirm").then()
                .statusCode(200).body("backupCodes", hasSize(0));

        String ops = system.staffToken("ops1");
        try {
            bo.api(ops).body(Map.of("state", "DOWN", "reason", "Every provider is failing", "minutes", 15))
                    .put("/api/ops/sms-health/override").then().statusCode(200);
            bo.awaitSignInsShowSmsChannel("DOWN", Duration.ofSeconds(10));
            String challenge = bo.login().then().body("challenge.recommended", equalTo("totp"))
                    .body("challenge.methods.find { it.method == 'sms' }.available", equalTo(false))
                    .extract().path("challenge.id");
            Oathtool.awayFromAStepBoundary();
            bo.api().body(Map.of("method", "totp", "code", Oathtool.code(secret, Instant.now().plusSeconds(30))))
                    .post("/api/login/challenges/" + challenge + "/verify").then()
                    .statusCode(200).body("status", equalTo("AUTHENTICATED"));
        } finally {
            bo.api(ops).delete("/api/ops/sms-health/override").then().statusCode(200);
        }
    }

    @Test
    void removingTheAppTakesThePasswordAndACurrentCode() {
        Person cy = new Person(system);
        cy.register().then().statusCode(201);
        String token = cy.login().then().statusCode(200).extract().path("tokens.accessToken");
        String secret = cy.api(token).post("/api/me/2fa/totp").then().statusCode(201).extract().path("secret");
        Oathtool.awayFromAStepBoundary();
        cy.api(token).body(Map.of("code", Oathtool.code(secret, Instant.now().minusSeconds(30))))
                .post("/api/me/2fa/totp/confirm").then().statusCode(200);

        String current = Oathtool.code(secret, Instant.now());
        cy.api(token).body(Map.of("password", "not the password", "code", current)).delete("/api/me/2fa/totp").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("invalid_credentials"));
        cy.api(token).body(Map.of("password", cy.password, "code", current)).delete("/api/me/2fa/totp").then().statusCode(204);
        cy.api(token).get("/api/me").then().body("twoFactor.totp.enabled", equalTo(false));
        cy.login().then().statusCode(200).body("status", equalTo("AUTHENTICATED"));
    }
}
