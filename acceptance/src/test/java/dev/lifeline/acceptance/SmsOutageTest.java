package dev.lifeline.acceptance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** When text messages stop going out, sign-in says so and routes people to their backup codes. */
class SmsOutageTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void whileEveryProviderFailsSignInRecommendsABackupCodeAndRecoversByItself() {
        Person rae = new Person(system);
        rae.registerWithSmsTwoFactor();
        // texts seem slow, so rae keeps asking for new ones until she reaches the cap of 5 an hour
        for (int i = 0; i < 4; i++) {
            String challenge = rae.login().then().statusCode(200).extract().path("challenge.id");
            rae.api().post("/api/login/challenges/" + challenge + "/sms").then().statusCode(202);
        }
        String capped = rae.login().then().statusCode(200).extract().path("challenge.id");
        rae.api().post("/api/login/challenges/" + capped + "/sms").then().statusCode(429).body("code", equalTo("sms_limit_reached"));
        Person ben = new Person(system);
        ben.registerWithSmsTwoFactor();
        // the breakers' 5 s window must forget the successful sends before, or a provider with
        // many recent successes rightly stays closed through a few failures
        sleepMillis(5_500);
        try {
            system.setSmsProviders("fail");
            // a trickle of sign-ins asking for codes, until the breakers have seen enough (ben's cap is 5 an hour)
            for (int i = 0; i < 4 && !"DOWN".equals(system.smsChannel()); i++) {
                String challenge = ben.login().then().statusCode(200).extract().path("challenge.id");
                ben.api().post("/api/login/challenges/" + challenge + "/sms");
                sleepMillis(700);
            }
            rae.awaitSignInsShowSmsChannel("DOWN", Duration.ofSeconds(20));

            String challenge = rae.login().then().statusCode(200)
                    .body("challenge.smsChannel", equalTo("DOWN"))
                    .body("challenge.recommended", equalTo("backup_code"))
                    .body("challenge.methods.find { it.method == 'sms' }.available", equalTo(false))
                    .body("challenge.methods.find { it.method == 'sms' }.reason", startsWith("Text messages are delayed right now"))
                    .extract().path("challenge.id");
            rae.api().post("/api/login/challenges/" + challenge + "/sms").then()
                    .statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("sms_degraded"))
                    .body("alternatives", hasItem("backup_code"));
            rae.api().body(Map.of("method", "backup_code", "code", rae.backupCodes.get(0)))
                    .post("/api/login/challenges/" + challenge + "/verify").then()
                    .statusCode(200).body("status", equalTo("AUTHENTICATED"));
        } finally {
            system.setSmsProviders("ok");
        }
        rae.awaitSignInsShowSmsChannel("HEALTHY", Duration.ofSeconds(30));
        String challenge = rae.login().then().body("challenge.recommended", equalTo("sms"))
                .body("challenge.methods.find { it.method == 'sms' }.available", equalTo(true))
                .extract().path("challenge.id");

        // her texts did arrive, so they still count: outage mode forgives only texts that never came
        // (auth-service's OutageModeTest plays those delivery reports); at her cap, a backup code it is
        rae.api().post("/api/login/challenges/" + challenge + "/sms").then().statusCode(429)
                .body("code", equalTo("sms_limit_reached"));
        rae.api().body(Map.of("method", "backup_code", "code", rae.backupCodes.get(1)))
                .post("/api/login/challenges/" + challenge + "/verify").then()
                .statusCode(200).body("status", equalTo("AUTHENTICATED"));
    }

    @Test
    void onlyOpsSeeTheChannelAndTheirOverrideReachesSignInAtOnce() {
        Person kit = new Person(system);
        kit.registerWithSmsTwoFactor();
        kit.api().get("/api/ops/sms-health").then().statusCode(401).contentType("application/problem+json");
        kit.api(system.staffToken("agent1")).get("/api/ops/sms-health").then().statusCode(403);

        String ops = system.staffToken("ops1");
        try {
            kit.api(ops).body(Map.of("state", "DEGRADED", "reason", "Provider status page reports delays", "minutes", 15))
                    .put("/api/ops/sms-health/override").then().statusCode(200)
                    .body("channel", equalTo("DEGRADED"))
                    .body("override.by", equalTo("ops1"));
            kit.awaitSignInsShowSmsChannel("DEGRADED", Duration.ofSeconds(10));
            kit.login().then().body("challenge.recommended", equalTo("backup_code"))
                    .body("challenge.methods.find { it.method == 'sms' }.available", equalTo(false));
        } finally {
            kit.api(ops).delete("/api/ops/sms-health/override").then().statusCode(200);
        }
        kit.awaitSignInsShowSmsChannel("HEALTHY", Duration.ofSeconds(10));
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
