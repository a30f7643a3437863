package dev.lifeline.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The consumer side of exactly-once effect: an event counts as applied when its id is recorded in
 * the same transaction as its effect. The primary key makes the second recording, even a concurrent
 * one, a no-op.
 */
public final class AppliedEventLog {

    private AppliedEventLog() {
    }

    /** Records the event for the consumer; true the first time only. */
    public static boolean recordFirstApplication(Connection connection, String consumer, UUID eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO applied_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        }
    }
}
