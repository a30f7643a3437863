package dev.lifeline.auth;

import dev.lifeline.auth.domain.DevStaffAccounts;
import dev.lifeline.devstack.testing.Oathtool;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Signing in as one of the seeded staff: the dev password, then a code oathtool computes from the dev secret. */
final class StaffSignIn {

    static final String PASSWORD = "lifeline-dev-password";

    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private StaffSignIn() {
    }

    private static long currentStep() {
        return Instant.now().getEpochSecond() / 30;
    }

    static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/api/login");
    }

    /** The access token of a completed sign-in by the seeded {@code username}. */
    static String accessToken(String username) throws Exception {
        String challenge = login(username, PASSWORD).then().statusCode(200)
                .body("status", equalTo("SECOND_FACTOR_REQUIRED")).body("challenge.recommended", equalTo("totp"))
                .extract().path("challenge.id");
        // an app code works once: a second sign-in of the same account waits for the app's next code
        long lastUsed = LAST_STEP.getOrDefault(username, Long.MIN_VALUE);
        await().atMost(Duration.ofSeconds(35)).until(() -> currentStep() > lastUsed);
        Oathtool.awayFromAStepBoundary();
        LAST_STEP.put(username, currentStep());
        return given().contentType(ContentType.JSON)
                .body(Map.of("method", "totp", "code", Oathtool.code(DevStaffAccounts.DEV_TOTP_SECRET, Instant.now())))
                .post("/api/login/challenges/" + challenge + "/verify").then().statusCode(200)
                .body("status", equalTo("AUTHENTICATED")).extract().path("tokens.accessToken");
    }
}
