package dev.lifeline.auth;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.PasswordChanged;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicReader;
import dev.lifeline.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The outbox inside a running service: events exist exactly when the transaction that wrote them commits. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class OutboxTransactionTest {

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRolledBackTransactionLeavesNoEventAndACommittedOneReachesKafka() throws Exception {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(rolledBack.toString(), new PasswordChanged(rolledBack));
            throw new IllegalStateException("the business change failed");
        }));
        EventEnvelope sent = QuarkusTransaction.requiringNew().call(
                () -> outbox.publish(committed.toString(), new PasswordChanged(committed)));

        assertEquals(0, outboxRows(rolledBack));
        List<EventEnvelope> seen = readSecurityEvents(List.of(rolledBack.toString(), committed.toString()));
        assertEquals(List.of(sent), seen);
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        UUID account = UUID.randomUUID();
        assertThrows(TransactionalException.class, () -> outbox.publish(account.toString(), new PasswordChanged(account)));
        assertEquals(0, outboxRows(account));
    }

    private long outboxRows(UUID aggregate) {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM outbox_event WHERE aggregate_id = '" + aggregate + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a consumer of account.security-events sees of these aggregates. */
    private static List<EventEnvelope> readSecurityEvents(List<String> aggregates) {
        return TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.ACCOUNT_SECURITY_EVENTS,
                aggregates, 1, Duration.ofSeconds(10));
    }
}
