package dev.lifeline.otp;

import dev.lifeline.contracts.providers.TwilioSignature;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.sms.ProviderMode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The receipt URL is on the internet: only the provider that carried a message, signing as Twilio
 * does, can say it was delivered. Anyone else is refused and changes nothing, so nobody can make
 * undelivered texts look delivered (hiding an outage) or delivered ones look failed.
 */
@QuarkusTest
@TestProfile(DeliveryReceiptsTest.ReceiptsByHand.class)
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class DeliveryReceiptsTest {

    /** The receipts here are played by hand, step by step: nothing gives up on a text meanwhile, however slow the machine. */
    public static class ReceiptsByHand implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.otp.delivery.receipt-timeout", "PT5M");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "lifeline.otp.callback-base-url")
    String callbackBase;

    @AfterEach
    void providersBackToNormal() {
        LifelineTestStack.infrastructure().sms().setMode("alpha", ProviderMode.OK);
    }

    @Test
    void onlyTheCarryingProvidersSignatureCounts() throws Exception {
        // alpha takes the text and never confirms it: the receipt is ours to play
        LifelineTestStack.infrastructure().sms().setMode("alpha", ProviderMode.SILENT_DROP);
        UUID challenge = UUID.randomUUID();
        OtpRequests.request(challenge, "+447700900941", false);
        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(column(challenge, "status")));
        UUID message = UUID.fromString(column(challenge, "id"));
        Map<String, String> delivered = Map.of("MessageSid", "SM1", "MessageStatus", "delivered", "To", "+447700900941");

        receipt("alpha", message, delivered, null).post(path("alpha", message)).then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("invalid_signature"));
        receipt("alpha", message, delivered, "guessed-token").post(path("alpha", message)).then()
                .statusCode(403).body("code", equalTo("invalid_signature"));
        // bravo's own valid signature, on its own URL, for a message alpha carried
        receipt("bravo", message, delivered, "dev-token-bravo").post(path("bravo", message)).then()
                .statusCode(403).body("code", equalTo("provider_mismatch"));
        assertEquals("SENT", column(challenge, "status"));
        assertEquals("alpha", column(challenge, "provider"));

        receipt("alpha", message, delivered, "dev-token-alpha").post(path("alpha", message)).then().statusCode(204);
        assertEquals("DELIVERED", column(challenge, "status"));
    }

    @Test
    void aSignedReceiptWithoutAStatusIsBadInput() {
        UUID message = UUID.randomUUID();
        receipt("alpha", message, Map.of("MessageStatus", ""), "dev-token-alpha").post(path("alpha", message)).then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("missing_status"));
    }

    /** A receipt as {@code provider} would post it, signed with {@code authToken} (none when null). */
    private RequestSpecification receipt(String provider, UUID message, Map<String, String> form, String authToken) {
        RequestSpecification request = given().contentType(ContentType.URLENC).formParams(form);
        if (authToken != null) {
            request.header(TwilioSignature.HEADER, TwilioSignature.sign(authToken, callbackBase + path(provider, message), form));
        }
        return request;
    }

    private static String path(String provider, UUID message) {
        return "/callbacks/sms/" + provider + "/" + message;
    }

    private String column(UUID challenge, String name) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT " + name + " FROM sms_message WHERE challenge_id = '" + challenge + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
