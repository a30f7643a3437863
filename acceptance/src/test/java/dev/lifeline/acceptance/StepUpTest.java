package dev.lifeline.acceptance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The seed's advice "stay signed in and fetch new backup codes" must work in the outage itself:
 * someone whose only second factor is SMS, signed in before it, proves themselves again with the
 * password alone while texts do not arrive. Without a session, or while texts work, it takes more.
 */
class StepUpTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void duringAnOutageAnSmsOnlyPersonStepsUpWithThePasswordAndGetsNewBackupCodes() {
        Person eli = new Person(system);
        String token = eli.registerWithSmsTwoFactor();
        // the sign-in is no longer fresh enough for new backup codes (10 s here, 5 minutes in production)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                eli.api(token).post("/api/me/backup-codes").then().statusCode(403).body("code", equalTo("reauthentication_required")));
        // while texts work, the password alone is not enough
        eli.api(token).body(Map.of("password", eli.password)).post("/api/me/step-up").then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("second_factor_required"));

        String ops = system.staffToken("ops1");
        try {
            eli.api(ops).body(Map.of("state", "DOWN", "reason", "Every provider is failing", "minutes", 15))
                    .put("/api/ops/sms-health/override").then().statusCode(200);
            eli.awaitSignInsShowSmsChannel("DOWN", Duration.ofSeconds(10));

            eli.api(token).body(Map.of("password", "not the password")).post("/api/me/step-up").then()
                    .statusCode(401).body("code", equalTo("invalid_credentials"));
            eli.api().body(Map.of("password", eli.password)).post("/api/me/step-up").then()
                    .statusCode(401).contentType("application/problem+json");
            String fresh = eli.api(token).body(Map.of("password", eli.password)).post("/api/me/step-up").then()
                    .statusCode(200).body("tokens.accessToken", notNullValue()).body("tokens.refreshToken", nullValue())
                    .extract().path("tokens.accessToken");
            eli.api(fresh).post("/api/me/backup-codes").then().statusCode(201).body("codes", hasSize(10));
        } finally {
            eli.api(ops).delete("/api/ops/sms-health/override").then().statusCode(200);
        }
        eli.awaitSignInsShowSmsChannel("HEALTHY", Duration.ofSeconds(10));
    }

    @Test
    void aBackupCodeIsASecondFactorForAStepUpAtAnyTime() {
        Person fay = new Person(system);
        String token = fay.registerWithSmsTwoFactor();
        String fresh = fay.api(token).body(Map.of("password", fay.password, "method", "backup_code", "code", fay.backupCodes.get(0)))
                .post("/api/me/step-up").then().statusCode(200).extract().path("tokens.accessToken");
        fay.api(token).body(Map.of("password", fay.password, "method", "backup_code", "code", fay.backupCodes.get(0)))
                .post("/api/me/step-up").then().statusCode(401).body("code", equalTo("backup_code_used"));
        fay.api(fresh).get("/api/me").then().statusCode(200);
    }
}
