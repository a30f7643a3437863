package dev.lifeline.otp;

import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.OtpPurpose;
import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.sms.ProviderMode;
import dev.lifeline.devstack.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The channel as a whole: it notices silent loss and dead providers by itself, and recovers by itself. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class SmsChannelHealthTest {

    private static final AtomicInteger PHONES = new AtomicInteger(700);
    /** Someone who has signed in by text before: only texts like theirs judge the channel. */
    private static UUID established;

    @BeforeEach
    void anEstablishedAccount() {
        if (established == null) {
            established = OtpRequests.establishedAccount("+447700900" + PHONES.getAndIncrement());
        }
    }

    @AfterEach
    void providersBackToNormal() {
        LifelineTestStack.infrastructure().sms().setMode("alpha", ProviderMode.OK);
        LifelineTestStack.infrastructure().sms().setMode("bravo", ProviderMode.OK);
        awaitChannel(SmsChannelState.HEALTHY, Duration.ofSeconds(30), true);
        // the channel counts a half-open breaker as letting texts through; back to normal is the first
        // provider's breaker closed again (texts go to it first, so its trial calls are made)
        await("alpha's breaker closed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            if ("CLOSED".equals(Ops.asOps().get("/api/ops/sms-health").then().statusCode(200).extract()
                    .path("providers.find { it.name == 'alpha' }.circuitState"))) {
                return true;
            }
            request();
            return false;
        });
    }

    @Test
    void providersThatAcceptButNeverDeliverTurnTheChannelDegradedWithoutAnyError() {
        LifelineTestStack.infrastructure().sms().setMode("alpha", ProviderMode.SILENT_DROP);
        LifelineTestStack.infrastructure().sms().setMode("bravo", ProviderMode.SILENT_DROP);
        long started = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            request();
        }

        awaitChannel(SmsChannelState.DEGRADED, Duration.ofSeconds(20), false);
        System.out.printf("silent drop detected after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        Ops.asOps().get("/api/ops/sms-health").then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.containsString("not arriving"))
                .body("since", notNullValue())
                .body("providers.name", hasItem("alpha"))
                .body("providers.find { it.name == 'alpha' }.circuitState", equalTo("CLOSED"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("lifeline_sms_messages_total{provider=\"alpha\",status=\"sent\"}"));

        List<SmsChannelState> published = TopicReader.events(LifelineTestStack.infrastructure().kafka(),
                        Topic.SMS_CHANNEL_HEALTH, List.of("sms"), 1, Duration.ofSeconds(10)).stream()
                .map(event -> ((SmsChannelHealthChanged) event.payload()).state()).toList();
        assertTrue(published.contains(SmsChannelState.DEGRADED), published.toString());
    }

    @Test
    void whenEveryProviderFailsTheChannelIsDownWithinSecondsOfATrickleOfRequests() {
        LifelineTestStack.infrastructure().sms().setMode("alpha", ProviderMode.FAIL);
        LifelineTestStack.infrastructure().sms().setMode("bravo", ProviderMode.FAIL);
        long started = System.nanoTime();
        await("the channel DOWN within 5 s").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
            request();
            return "DOWN".equals(Ops.asOps().get("/api/ops/sms-health").then().extract().path("channel"));
        });
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("lifeline_sms_channel_state 2.0"));
        System.out.printf("hard failure detected after %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private static void awaitChannel(SmsChannelState expected, Duration timeout, boolean keepTrafficFlowing) {
        await("the channel " + expected).atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (expected.name().equals(Ops.asOps().get("/api/ops/sms-health").then().statusCode(200).extract().path("channel"))) {
                return true;
            }
            if (keepTrafficFlowing) {
                request();
            }
            return false;
        });
    }

    /** A sign-in text of the established account. */
    private static void request() {
        OtpRequests.request(UUID.randomUUID(), established, "+447700900" + PHONES.getAndIncrement(), OtpPurpose.SIGN_IN);
    }
}
