package dev.lifeline.acceptance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Backup codes, the way back in when text messages do not arrive. */
class BackupCodeSignInTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void turningOnSmsGivesTenCodesAndEachSignsInOnce() {
        Person nia = new Person(system);
        nia.registerWithSmsTwoFactor();
        assertEquals(10, nia.backupCodes.size());
        String code = nia.backupCodes.get(0);

        String challenge = nia.login().then().statusCode(200)
                .body("challenge.methods.find { it.method == 'backup_code' }.available", equalTo(true))
                .extract().path("challenge.id");
        String typed = code.replace("-", " ").toLowerCase(Locale.ROOT);
        String token = nia.api().body(Map.of("method", "backup_code", "code", typed))
                .post("/api/login/challenges/" + challenge + "/verify").then()
                .statusCode(200)
                .body("status", equalTo("AUTHENTICATED"))
                .body("notices[0].type", equalTo("backup_codes_remaining"))
                .body("notices[0].remaining", equalTo(9))
                .body("notices[0].message", containsString("9 backup codes left"))
                .extract().path("tokens.accessToken");

        String again = nia.login().then().statusCode(200).extract().path("challenge.id");
        nia.api().body(Map.of("method", "backup_code", "code", code)).post("/api/login/challenges/" + again + "/verify").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("backup_code_used"));

        nia.api(token).get("/api/me/backup-codes").then().statusCode(200)
                .body("remaining", equalTo(9)).body("total", equalTo(10));
        awaitRemainingInProfile(nia, token, 9);
    }

    @Test
    void regeneratingRightAfterSigningInVoidsTheOldCodes() {
        Person oli = new Person(system);
        String token = oli.registerWithSmsTwoFactor();
        List<String> old = oli.backupCodes;

        List<String> fresh = oli.api(token).post("/api/me/backup-codes").then().statusCode(201)
                .extract().jsonPath().getList("codes", String.class);
        assertEquals(10, fresh.size());

        String challenge = oli.login().then().statusCode(200).extract().path("challenge.id");
        oli.api().body(Map.of("method", "backup_code", "code", old.get(1))).post("/api/login/challenges/" + challenge + "/verify")
                .then().statusCode(401).body("code", equalTo("invalid_code"));
        oli.api().body(Map.of("method", "backup_code", "code", fresh.get(1))).post("/api/login/challenges/" + challenge + "/verify")
                .then().statusCode(200);
    }

    @Test
    void wrongBackupCodesAndWrongSmsCodesShareOneFailureBudget() {
        Person pam = new Person(system);
        pam.registerWithSmsTwoFactor();
        String challenge = pam.login().then().statusCode(200).extract().path("challenge.id");
        pam.api().post("/api/login/challenges/" + challenge + "/sms").then().statusCode(202);
        String smsCode = pam.awaitCode(2);
        String wrongSms = smsCode.equals("000000") ? "111111" : "000000";

        for (int i = 0; i < 4; i++) {
            pam.api().body(Map.of("method", "sms", "code", wrongSms)).post("/api/login/challenges/" + challenge + "/verify")
                    .then().statusCode(401);
        }
        for (int i = 0; i < 5; i++) {
            pam.api().body(Map.of("method", "backup_code", "code", "2222-2222-2222-2222"))
                    .post("/api/login/challenges/" + challenge + "/verify").then().statusCode(401);
        }
        pam.api().body(Map.of("method", "backup_code", "code", "2222-2222-2222-2223"))
                .post("/api/login/challenges/" + challenge + "/verify").then()
                .statusCode(429).body("code", equalTo("account_locked"));
        pam.api().body(Map.of("method", "backup_code", "code", pam.backupCodes.get(0)))
                .post("/api/login/challenges/" + challenge + "/verify").then().statusCode(429);
    }

    private static void awaitRemainingInProfile(Person person, String token, int expected) {
        await("backup codes left, as /api/me shows them").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> person.api(token).get("/api/me").then().statusCode(200).extract()
                        .<Integer>path("twoFactor.backupCodes.remaining"), remaining -> remaining == expected);
    }
}
