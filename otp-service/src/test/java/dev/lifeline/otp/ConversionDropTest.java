package dev.lifeline.otp;

import dev.lifeline.devstack.LifelineTestStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        // the baseline: people get their codes and use them
        for (Sent sent : send(4, 960)) {
            OtpRequests.verify(sent.challenge(), OtpRequests.awaitCode(sent.phone(), 1)).then().statusCode(200);
        }
        Thread.sleep(4_500);

        // then the texts "arrive" (the provider confirms them) and nobody types a code in
        List<Sent> unused = send(4, 970);
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

    private static List<Sent> send(int count, int firstPhone) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sent one = new Sent(UUID.randomUUID(), "+447700900" + (firstPhone + i));
            OtpRequests.request(one.challenge(), one.phone(), false);
            sent.add(one);
        }
        return sent;
    }

    private static void awaitChannel(String expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        String channel = null;
        while (System.currentTimeMillis() < deadline) {
            channel = Ops.asOps().get("/api/ops/sms-health").then().statusCode(200).extract().path("channel");
            if (expected.equals(channel)) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(expected, channel, "the channel's state");
    }
}
