package dev.lifeline.otp;

import dev.lifeline.devstack.LifelineTestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two instances of otp-service judge one channel. This test is one instance; the other is played
 * in the database, where instances meet: its breaker reports, and a judgement it has just made.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class SmsChannelAcrossInstancesTest {

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void theOtherInstanceIsGone() throws SQLException {
        sql("DELETE FROM sms_breaker_report WHERE instance_id = 'other-instance'");
        sql("UPDATE sms_channel_state SET judged_at = NULL");
        awaitChannel("HEALTHY");
    }

    @Test
    void whenEveryProviderRefusesOnAnotherInstanceTheChannelIsDownAndSaysSoFromEveryInstance() throws SQLException {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            otherInstanceReports("OPEN");
            Ops.asOps().get("/api/ops/sms-health").then()
                    .body("channel", equalTo("DOWN"))
                    .body("providers.find { it.name == 'alpha' }.circuitState", equalTo("OPEN"))
                    .body("providers.find { it.name == 'bravo' }.circuitState", equalTo("OPEN"));
        });

        // the other instance stops reporting: after a few silent ticks its breakers count for nothing
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Ops.asOps().get("/api/ops/sms-health").then()
                .body("channel", equalTo("HEALTHY"))
                .body("providers.find { it.name == 'alpha' }.circuitState", equalTo("CLOSED")));
    }

    @Test
    void aTickAnotherInstanceHasJudgedIsNotJudgedAgain() throws SQLException {
        // the other instance judges far ahead of this one's clock: every tick here finds it fresh and leaves it
        sql("UPDATE sms_channel_state SET judged_at = now() + interval '1 hour'");
        keepReporting("OPEN", Duration.ofSeconds(3));
        Ops.asOps().get("/api/ops/sms-health").then().body("channel", equalTo("HEALTHY"));

        sql("UPDATE sms_channel_state SET judged_at = NULL");
        otherInstanceReports("OPEN");
        awaitChannel("DOWN");
    }

    private void keepReporting(String state, Duration during) throws SQLException {
        long until = System.nanoTime() + during.toNanos();
        await().atMost(during.plusSeconds(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            otherInstanceReports(state);
            Ops.asOps().get("/api/ops/sms-health").then().body("channel", equalTo("HEALTHY"));
            return System.nanoTime() > until;
        });
    }

    private void otherInstanceReports(String state) throws SQLException {
        for (String provider : new String[] {"alpha", "bravo"}) {
            try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO sms_breaker_report (instance_id, provider, state, success_rate, reported_at)
                    VALUES ('other-instance', ?, ?, 0.0, now())
                    ON CONFLICT (instance_id, provider) DO UPDATE SET state = excluded.state, reported_at = now()""")) {
                insert.setString(1, provider);
                insert.setString(2, state);
                insert.executeUpdate();
            }
        }
    }

    private static void awaitChannel(String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                Ops.asOps().get("/api/ops/sms-health").then().statusCode(200).body("channel", equalTo(expected)));
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate(statement);
        }
    }
}
