package dev.lifeline.acceptance;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account's own life through the gateway and real email: its address confirmed by a code and
 * changed with the old one told; its password changed with every other session ended.
 */
class AccountLifecycleTest {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    private final RunningSystem system = RunningSystem.get();

    @Test
    void aNewAddressIsConfirmedByItsOwnCodeAndTheOldAddressIsTold() {
        Person cy = new Person(system);
        cy.register().then().statusCode(201);
        String token = cy.login().then().statusCode(200).extract().path("tokens.accessToken");
        cy.confirmEmail(token);
        cy.api(token).get("/api/me").then().body("emailVerified", equalTo(true));

        String moved = "moved-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        cy.api(token).body(Map.of("email", moved)).put("/api/me/email").then().statusCode(204);
        cy.api(token).get("/api/me").then().body("email", equalTo(moved)).body("emailVerified", equalTo(false));

        String toOld = system.awaitMail(cy.email, "Your Lifeline email address was changed").get(0).text();
        assertTrue(toOld.contains("m•••@example.net") && !toOld.contains(moved), toOld);
        String text = system.awaitMail(moved, "Confirm your email address for Lifeline").get(0).text();
        Matcher code = CODE.matcher(text);
        assertTrue(code.find() && text.contains("/account#verify-email=" + code.group(1)), text);
        cy.api(token).body(Map.of("code", code.group(1))).post("/api/me/email/verify").then().statusCode(204);
        cy.api(token).get("/api/me").then().body("emailVerified", equalTo(true));
    }

    @Test
    void changingThePasswordKeepsThisSessionAndEndsEveryOther() {
        Person di = new Person(system);
        di.register().then().statusCode(201);
        String here = di.login().then().statusCode(200).extract().path("tokens.accessToken");
        String elsewhere = di.login().then().statusCode(200).extract().path("tokens.refreshToken");
        String old = di.password;
        String next = "saltmarsh " + UUID.randomUUID().toString().substring(0, 6) + " heron dawn";

        di.api(here).body(Map.of("currentPassword", "not it at all", "newPassword", next)).post("/api/me/password").then()
                .statusCode(401).body("code", equalTo("invalid_credentials"));
        di.api(here).body(Map.of("currentPassword", old, "newPassword", next)).post("/api/me/password").then().statusCode(204);

        di.api(here).get("/api/me").then().statusCode(200);
        di.api().body(Map.of("refreshToken", elsewhere)).post("/api/token/refresh").then().statusCode(401);
        di.login().then().statusCode(401);
        di.password = next;
        di.login().then().statusCode(200);
        system.awaitMail(di.email, "Your password was changed");
    }
}
