package dev.lifeline.outbox;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the {@code outbox_event} table, on whatever connection (and so transaction) it is given. */
final class OutboxTable {

    private OutboxTable() {
    }

    /** @param traceParent the W3C trace context the event was written in, sent with it; null when untraced */
    static void append(Connection connection, EventEnvelope envelope, String traceParent) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox_event (event_id, topic, aggregate_id, event_type, envelope, trace_parent) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, envelope.eventId());
            insert.setString(2, envelope.topic().name());
            insert.setString(3, envelope.aggregateId());
            insert.setString(4, envelope.type());
            insert.setString(5, EventJson.encode(envelope));
            insert.setString(6, traceParent);
            insert.executeUpdate();
        }
    }

    /**
     * The oldest unsent events, in the order they were written. Within one aggregate this is the
     * order of its changes, because changes to one aggregate are serialised by the aggregate's row
     * lock and each takes its id at insert time.
     */
    static List<PendingEvent> pending(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, event_id, topic, aggregate_id, event_type, envelope, trace_parent FROM outbox_event "
                        + "WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<PendingEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new PendingEvent(rs.getLong(1), rs.getObject(2, java.util.UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
                return events;
            }
        }
    }

    static void markSent(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_event SET sent_at = now() WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    static long countPending(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static int deleteSentBefore(Connection connection, Duration age) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM outbox_event WHERE sent_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, age.toSeconds());
            return delete.executeUpdate();
        }
    }

    /** Takes the relay lock of this database for the current transaction, if no other relay holds it. */
    static boolean tryRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** "LIFEOUTB" as a number: the advisory lock that lets one relay per database publish at a time. */
    private static final long RELAY_LOCK_KEY = 0x4C4946454F555442L;

    record PendingEvent(long id, java.util.UUID eventId, String topic, String aggregateId, String type, String envelope,
                        String traceParent) {
    }
}
