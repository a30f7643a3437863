package dev.lifeline.acceptance;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of signing in with a password and an SMS code, as a client meets them through the gateway. */
class SignInRulesTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void wrongCodesCountDownThenTheChallengeIsRefusedWith429() {
        Person bob = new Person(system);
        bob.registerWithSmsTwoFactor();
        String challenge = newChallengeWithCode(bob);
        String right = bob.awaitCode(2);
        String wrong = right.equals("000000") ? "111111" : "000000";

        for (int left = 4; left >= 0; left--) {
            verify(bob, challenge, wrong).then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("invalid_code")).body("attemptsLeft", equalTo(left));
        }
        verify(bob, challenge, wrong).then().statusCode(429).body("code", equalTo("too_many_attempts"));
        verify(bob, challenge, right).then().statusCode(429);
    }

    @Test
    void anExpiredCodeGets410() throws Exception {
        Person carol = new Person(system);
        carol.registerWithSmsTwoFactor();
        String challenge = newChallengeWithCode(carol);
        String code = carol.awaitCode(2);
        try (Connection otp = system.database("otp")) {
            otp.createStatement().executeUpdate(
                    "UPDATE otp_code SET expires_at = now() - interval '1 second' WHERE challenge_id = '" + challenge + "'");
        }
        verify(carol, challenge, code).then().statusCode(410).contentType("application/problem+json")
                .body("code", equalTo("code_expired"));
    }

    @Test
    void aUsedCodeAndACodeOfAnotherChallengeAreRefused() {
        Person dan = new Person(system);
        dan.registerWithSmsTwoFactor();
        String first = newChallengeWithCode(dan);
        String firstCode = dan.awaitCode(2);
        String second = newChallengeWithCode(dan);
        String secondCode = dan.awaitCode(3);

        if (!firstCode.equals(secondCode)) {
            verify(dan, second, firstCode).then().statusCode(401).body("code", equalTo("invalid_code"));
        }
        verify(dan, first, firstCode).then().statusCode(200).body("status", equalTo("AUTHENTICATED"));
        verify(dan, first, firstCode).then().statusCode(409).body("code", equalTo("challenge_completed"));
        verify(dan, second, secondCode).then().statusCode(200);
    }

    @Test
    void theSameCodeSentInParallelSignsInExactlyOnce() throws Exception {
        Person erin = new Person(system);
        erin.registerWithSmsTwoFactor();
        String challenge = newChallengeWithCode(erin);
        String code = erin.awaitCode(2);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                attempts.add(() -> verify(erin, challenge, code).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aResendWithinTheCooldownIsRefusedAndSendsNothing() {
        Person fay = new Person(system);
        fay.registerWithSmsTwoFactor();
        String challenge = newChallengeWithCode(fay);
        fay.awaitCode(2);

        fay.api().post("/api/login/challenges/" + challenge + "/sms").then()
                .statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("resend_too_soon"));
        // and no text follows: the count stays at two for a second
        await("no third text").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(fay::messagesReceived, received -> received == 2);
    }

    @Test
    void unknownUsersAndWrongPasswordsGetTheSame401InComparableTime() {
        Person gus = new Person(system);
        gus.register().then().statusCode(201);
        Map<String, String> wrongPassword = Map.of("username", gus.username, "password", "not the password at all");
        Map<String, String> unknownUser = Map.of("username", "nobody" + UUID.randomUUID().toString().substring(0, 8),
                "password", "not the password at all");

        Response wrong = gus.api().body(wrongPassword).post("/api/login");
        Response unknown = gus.api().body(unknownUser).post("/api/login");
        wrong.then().statusCode(401).contentType("application/problem+json");
        unknown.then().statusCode(401).contentType("application/problem+json");
        assertEquals(wrong.jsonPath().getString("code"), unknown.jsonPath().getString("code"));
        assertEquals(wrong.jsonPath().getString("detail"), unknown.jsonPath().getString("detail"));

        long wrongMillis = medianMillis(() -> gus.api().body(wrongPassword).post("/api/login"));
        long unknownMillis = medianMillis(() -> gus.api().body(unknownUser).post("/api/login"));
        // both answers cost one Argon2id verification; a missing hash would show as a several-fold gap
        assertTrue(unknownMillis * 2 >= wrongMillis && wrongMillis * 2 >= unknownMillis,
                "unknown user " + unknownMillis + " ms, wrong password " + wrongMillis + " ms");
    }

    @Test
    void repeatedFailuresLockKnownAndUnknownUsernamesAlike() {
        Person hal = new Person(system);
        hal.register().then().statusCode(201);
        String unknown = "ghost" + UUID.randomUUID().toString().substring(0, 8);
        for (String username : List.of(hal.username, unknown)) {
            Map<String, String> attempt = Map.of("username", username, "password", "wrong password " + username);
            for (int i = 0; i < 10; i++) {
                hal.api().body(attempt).post("/api/login").then().statusCode(401);
            }
            hal.api().body(attempt).post("/api/login").then()
                    .statusCode(429).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("code", equalTo("account_locked"));
        }
        hal.login().then().statusCode(429);
    }

    @Test
    void aReusedRefreshTokenEndsTheSession() {
        Person ivy = new Person(system);
        ivy.register().then().statusCode(201);
        Map<String, String> tokens = ivy.login().then().statusCode(200).extract().path("tokens");
        String next = ivy.api().body(Map.of("refreshToken", tokens.get("refreshToken"))).post("/api/token/refresh").then()
                .statusCode(200).extract().path("tokens.refreshToken");

        ivy.api().body(Map.of("refreshToken", tokens.get("refreshToken"))).post("/api/token/refresh").then()
                .statusCode(401).body("code", equalTo("invalid_refresh_token"));
        ivy.api().body(Map.of("refreshToken", next)).post("/api/token/refresh").then().statusCode(401);
        ivy.api(tokens.get("accessToken")).get("/api/me").then().statusCode(401);
    }

    @Test
    void aRevokedSessionCanNeitherCallNorRefresh() {
        Person jo = new Person(system);
        jo.register().then().statusCode(201);
        Map<String, String> laptop = jo.login().then().statusCode(200).extract().path("tokens");
        Map<String, String> phone = jo.login().then().statusCode(200).extract().path("tokens");
        String laptopSession = jo.api(laptop.get("accessToken")).get("/api/me/sessions").then().statusCode(200)
                .body("size()", equalTo(2)).extract().path("find { it.current }.id");

        jo.api(phone.get("accessToken")).delete("/api/me/sessions/" + laptopSession).then().statusCode(204);

        jo.api(laptop.get("accessToken")).get("/api/me").then().statusCode(401);
        jo.api().body(Map.of("refreshToken", laptop.get("refreshToken"))).post("/api/token/refresh").then().statusCode(401);
        jo.api(phone.get("accessToken")).get("/api/me/sessions").then().body("size()", equalTo(1));
        jo.api(phone.get("accessToken")).delete("/api/me/sessions/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void turningSmsOffNeedsThePasswordAndACurrentCode() {
        Person kim = new Person(system);
        String token = kim.registerWithSmsTwoFactor();
        kim.api(token).post("/api/me/2fa/sms/code").then().statusCode(202);
        String code = kim.awaitCode(2);

        kim.api(token).body(Map.of("password", "not my password", "code", code)).delete("/api/me/2fa").then()
                .statusCode(401).body("code", equalTo("invalid_credentials"));
        kim.api(token).body(Map.of("password", kim.password, "code", code)).delete("/api/me/2fa").then().statusCode(204);
        kim.api(token).get("/api/me").then().body("twoFactor.sms.enabled", equalTo(false));
        kim.login().then().statusCode(200).body("status", equalTo("AUTHENTICATED"));
    }

    @Test
    void badInputGetsAProblemAndNothingIsWritten() throws Exception {
        Person lee = new Person(system);
        long accounts = count("auth", "SELECT count(*) FROM account");
        long challenges = count("auth", "SELECT count(*) FROM login_challenge");

        for (String body : List.of(
                "{\"username\": \"lee\", ",
                "{}",
                "{\"username\": \"x\", \"password\": \"quiet lantern meadow tide\", \"email\": \"x@example.org\"}",
                "{\"username\": \"" + "a".repeat(40) + "\", \"password\": \"quiet lantern meadow tide\", \"email\": \"a@example.org\"}",
                "{\"username\": \"leeok\", \"password\": \"quiet lantern meadow tide\", \"email\": \"not-an-email\"}",
                "{\"username\": \"leeok\", \"password\": \"short\", \"email\": \"lee@example.org\"}",
                "{\"username\": \"leeok\", \"password\": \"" + "p".repeat(2000) + "\", \"email\": \"lee@example.org\"}",
                "{\"username\": \"leeok\", \"password\": \"password123\", \"email\": \"lee@example.org\"}",
                "{\"username\": \"leeok\", \"password\": \"quiet lantern meadow tide\", \"email\": \"lee@example.org\", \"phone\": \"12345\"}",
                "[1, 2, 3]")) {
            lee.api().body(body).post("/api/accounts").then()
                    .statusCode(400).contentType("application/problem+json").body("code", notNullValue());
        }
        lee.api().contentType("text/plain").body("hello").post("/api/accounts").then()
                .statusCode(415).contentType("application/problem+json");
        lee.api().body("{\"username\": \"someone\"}").post("/api/login").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("validation_failed"));

        String challenge = UUID.randomUUID().toString();
        lee.api().post("/api/login/challenges/" + challenge + "/sms").then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("challenge_not_found"));
        lee.api().post("/api/login/challenges/not-a-uuid/sms").then()
                .statusCode(404).contentType("application/problem+json");
        lee.api().body(Map.of("method", "sms", "code", "123456")).post("/api/login/challenges/" + challenge + "/verify").then()
                .statusCode(404).contentType("application/problem+json");
        lee.api().body(Map.of("method", "sms", "code", "12a456")).post("/api/login/challenges/" + challenge + "/verify").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_code_format"));
        lee.api().body(Map.of("method", "carrier-pigeon", "code", "123456")).post("/api/login/challenges/" + challenge + "/verify").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("validation_failed"));

        assertEquals(accounts, count("auth", "SELECT count(*) FROM account"));
        assertEquals(challenges, count("auth", "SELECT count(*) FROM login_challenge"));
    }

    @Test
    void anInvalidPhoneDoesNotStartEnrollment() throws Exception {
        Person max = new Person(system);
        max.register().then().statusCode(201);
        String token = max.login().then().statusCode(200).extract().path("tokens.accessToken");
        long challenges = count("auth", "SELECT count(*) FROM login_challenge");

        for (String phone : List.of("12345", "+999 123", "not a phone", "+44 20 7946 0000")) {
            max.api(token).body(Map.of("phone", phone)).post("/api/me/2fa/sms").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        max.api().body(Map.of("phone", max.phone)).post("/api/me/2fa/sms").then()
                .statusCode(401).contentType("application/problem+json");
        assertEquals(challenges, count("auth", "SELECT count(*) FROM login_challenge"));
        assertEquals(0, max.messagesReceived());
    }

    /** Signs in with the password and asks for a code by text message. */
    private static String newChallengeWithCode(Person person) {
        String challenge = person.login().then().statusCode(200)
                .body("status", equalTo("SECOND_FACTOR_REQUIRED")).extract().path("challenge.id");
        person.api().post("/api/login/challenges/" + challenge + "/sms").then().statusCode(202)
                .body("resendAfterSeconds", greaterThan(0));
        return challenge;
    }

    private static Response verify(Person person, String challenge, String code) {
        return person.api().body(Map.of("method", "sms", "code", code)).post("/api/login/challenges/" + challenge + "/verify");
    }

    private long count(String database, String sql) throws Exception {
        try (Connection c = system.database(database); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long medianMillis(Runnable call) {
        long[] samples = new long[7];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            call.run();
            samples[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
