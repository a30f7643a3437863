package dev.lifeline.outbox;

import dev.lifeline.observability.TraceParents;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Moves outbox rows to Kafka. One pass takes the database's relay lock, sends the oldest unsent rows
 * in order (key: the aggregate, so each aggregate stays on one partition in order), waits for the
 * broker's acknowledgement of each, and marks exactly the acknowledged prefix as sent in the same
 * transaction. A crash between sending and marking sends those rows again on the next pass:
 * delivery is at least once, and consumers apply each event once through {@link AppliedEventLog}.
 * Each record carries its event's id and type, and the W3C {@code traceparent} of the work that wrote it.
 */
public class OutboxRelay {

    public static final String EVENT_ID_HEADER = "lifeline-event-id";
    public static final String EVENT_TYPE_HEADER = "lifeline-event-type";

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final int batchSize;

    public OutboxRelay(DataSource dataSource, Producer<String, String> producer, int batchSize) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
    }

    /**
     * @return how many events were sent and marked; 0 when there was nothing to send or another
     *         relay holds the lock
     * @throws RelayFailedException when the broker did not acknowledge an event; the events before
     *                              it are marked sent, it and those after it wait for the next pass
     */
    public int relayOnce() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!OutboxTable.tryRelayLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<OutboxTable.PendingEvent> batch = OutboxTable.pending(connection, batchSize);
                List<Long> acknowledged = new ArrayList<>();
                RuntimeException failure = send(batch, acknowledged);
                markSent(connection, acknowledged);
                connection.commit();
                if (failure != null) {
                    throw new RelayFailedException(batch.size() - acknowledged.size() + " events wait for the broker", failure);
                }
                return acknowledged.size();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** Deletes events sent longer ago than {@code age}; the outbox is a queue, not an archive. */
    public int purgeSentBefore(java.time.Duration age) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return OutboxTable.deleteSentBefore(connection, age);
        }
    }

    /** Marks acknowledged rows; separate so that a test can make the relay die right before it. */
    protected void markSent(Connection connection, List<Long> ids) throws SQLException {
        OutboxTable.markSent(connection, ids);
    }

    private RuntimeException send(List<OutboxTable.PendingEvent> batch, List<Long> acknowledged) {
        List<Future<RecordMetadata>> results = new ArrayList<>(batch.size());
        try {
            for (OutboxTable.PendingEvent event : batch) {
                ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.aggregateId(), event.envelope());
                record.headers().add(new RecordHeader(EVENT_ID_HEADER, event.eventId().toString().getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader(EVENT_TYPE_HEADER, event.type().getBytes(StandardCharsets.UTF_8)));
                if (event.traceParent() != null) {
                    record.headers().add(new RecordHeader(TraceParents.HEADER, event.traceParent().getBytes(StandardCharsets.UTF_8)));
                }
                Future<RecordMetadata> result = producer.send(record);
                results.add(result);
                if (result.isDone() && failed(result)) {
                    // the broker is out of reach; the rest would fail the same way, each after max.block.ms
                    break;
                }
            }
        } catch (RuntimeException e) {
            // send() itself fails when the broker's metadata cannot be had in max.block.ms
            return collect(batch, results, acknowledged, e);
        }
        producer.flush();
        return collect(batch, results, acknowledged, null);
    }

    private static RuntimeException collect(List<OutboxTable.PendingEvent> batch, List<Future<RecordMetadata>> results,
                                            List<Long> acknowledged, RuntimeException sendFailure) {
        for (int i = 0; i < results.size(); i++) {
            try {
                results.get(i).get();
                acknowledged.add(batch.get(i).id());
            } catch (ExecutionException e) {
                return new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new IllegalStateException("interrupted while waiting for the broker", e);
            }
        }
        return sendFailure;
    }

    private static boolean failed(Future<RecordMetadata> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; PostgreSQL rolls back what was not committed
        }
    }

    /** The broker did not take every event of a pass. */
    public static final class RelayFailedException extends RuntimeException {
        public RelayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
