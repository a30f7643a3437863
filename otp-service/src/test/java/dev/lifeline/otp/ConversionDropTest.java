package dev.lifeline.otp;

import dev.lifeline.contracts.events.OtpPurpose;
import dev.lifeline.devstack.LifelineTestStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The last line of defence: receipts say delivered, but people stop typing their codes in. The
 * channel turns DEGRADED when conversion falls far below its baseline, and HEALTHY when it returns.
 */
@QuarkusTest
@TestProfile(ConversionDropTest.SecondsNotMinutes.class)
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class ConversionDropTest {

    public static class SecondsNotMinutes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lifeline.otp.health.conversion.window", "PT4S",
                    "lifeline.otp.health.conversion.grace", "PT0.2S",
                    "lifeline.otp.health.conversion.baseline", "PT2M",
                    "lifeline.otp.health.conversion.minimum-codes", "3");
        }
    }

    private record Sent(UUID challenge, String phone) {
    }

    @Test
    void codesThatNobodyUsesTurnTheChannelDegradedAndUsingThemAgainHealsIt() throws Exception {
        UUID account = OtpRequests.establishedAccount("+447700900959");
        // the baseline: people get their codes and use them
        for (Sent sent : signIns(account, 4, 960)) {
            OtpRequests.verify(sent.challenge(), OtpRequests.awaitCode(sent.phone(), 1)).then().statusCode(200);
        }
        Thread.sleep(4_500);

        // then the texts "arrive" (the provider confirms them) and nobody types a code in
        List<Sent> unused = signIns(account, 4, 970);
        for (Sent sent : unused) {
            OtpRequests.awaitCode(sent.phone(), 1);
        }
        awaitChannel("DEGRADED");
        Ops.asOps().get("/api/ops/sms-health").then()
                .body("reason", containsString("Codes are not being used"))
                .body("conversionRate", equalTo(0.0f))
                .body("providers.find { it.name == 'alpha' }.circuitState", equalTo("CLOSED"));
        given().get("/q/metrics").then().body(containsString("lifeline_sms_conversion_rate 0.0"));

        for (Sent sent : unused) {
            OtpRequests.verify(sent.challenge(), OtpRequests.awaitCode(sent.phone(), 1)).then().statusCode(200);
        }
        awaitChannel("HEALTHY");
    }

    /**
     * The pumping attack on the judgement itself: enrollment texts to fresh numbers that nobody types
     * in. Counted, they would make conversion collapse and switch outage mode on for everyone.
     */
    @Test
    void twoHundredEnrollmentTextsNobodyTypesLeaveTheChannelHealthy() throws Exception {
        UUID account = OtpRequests.establishedAccount("+447700900979");
        for (Sent sent : signIns(account, 4, 980)) {
            OtpRequests.verify(sent.challenge(), OtpRequests.awaitCode(sent.phone(), 1)).then().statusCode(200);
        }
        Thread.sleep(4_500);

        // people who sign in by text get their codes and use them; then the pump starts. (Asked for
        // after the pump, their texts would queue behind its 200 and, on a busy machine, outlast this
        // test's 0.2 s typing grace: a slow test, not what is checked here.)
        for (Sent sent : signIns(account, 4, 990)) {
            OtpRequests.verify(sent.challenge(), OtpRequests.awaitCode(sent.phone(), 1)).then().statusCode(200);
        }
        List<Sent> pumped = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Sent one = new Sent(UUID.randomUUID(), "+61491570" + (100 + i));
            OtpRequests.request(one.challenge(), UUID.randomUUID(), one.phone(), OtpPurpose.ENROLLMENT);
            pumped.add(one);
        }
        OtpRequests.awaitCode(pumped.get(pumped.size() - 1).phone(), 1);

        // past the typing grace, over several judgements, the channel stays as it was
        long until = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < until) {
            Ops.asOps().get("/api/ops/sms-health").then().statusCode(200).body("channel", equalTo("HEALTHY"));
            Thread.sleep(300);
        }
    }

    private static List<Sent> signIns(UUID account, int count, int firstPhone) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sent one = new Sent(UUID.randomUUID(), "+447700900" + (firstPhone + i));
            OtpRequests.request(one.challenge(), account, one.phone(), OtpPurpose.SIGN_IN);
            sent.add(one);
        }
        return sent;
    }

    private static void awaitChannel(String expected) {
        await("the channel " + expected).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> Ops.asOps().get("/api/ops/sms-health").then().statusCode(200).extract().path("channel"), expected::equals);
    }
}
