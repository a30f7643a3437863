package dev.lifeline.otp;

import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.DeliveryStatus;
import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.sms.ProviderMode;
import dev.lifeline.devstack.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No code request silently vanishes: it is delivered, or it ends FAILED where auth and ops can see it. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class StuckMessagesTest {

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void providersBackToNormal() {
        LifelineTestStack.infrastructure().sms().setMode("alpha", ProviderMode.OK);
    }

    @Test
    void aTextThatIsAcceptedButNeverConfirmedEndsFailedAfterTheReceiptTimeout() throws Exception {
        LifelineTestStack.infrastructure().sms().setMode("alpha", ProviderMode.SILENT_DROP);
        UUID challenge = UUID.randomUUID();
        OtpRequests.request(challenge, "+447700900950", false);

        assertEquals(List.of(DeliveryStatus.SENT, DeliveryStatus.FAILED), statuses(challenge, 2));
        assertEquals("FAILED", column(challenge, "status"));
        assertTrue(column(challenge, "failure_reason").startsWith("no delivery receipt within 4 s"));
    }

    @Test
    void aTextLeftQueuedByACrashBeforeSendingEndsFailed() throws Exception {
        // what a crash between the code's commit and the provider call leaves behind
        UUID challenge = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("INSERT INTO sms_message (id, challenge_id, phone, status, requested_at) VALUES ('"
                    + UUID.randomUUID() + "', '" + challenge + "', '+447700900951', 'QUEUED', now() - interval '2 minutes')");
        }

        assertEquals(List.of(DeliveryStatus.FAILED), statuses(challenge, 1));
        assertEquals("never handed to a provider", column(challenge, "failure_reason"));
    }

    private static List<DeliveryStatus> statuses(UUID challenge, int expected) {
        return TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.OTP_DELIVERY_STATUS,
                        List.of(challenge.toString()), expected, Duration.ofSeconds(20)).stream()
                .map(event -> ((OtpDeliveryStatusChanged) event.payload()).status())
                .toList();
    }

    private String column(UUID challenge, String name) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT " + name + " FROM sms_message WHERE challenge_id = '" + challenge + "'")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
