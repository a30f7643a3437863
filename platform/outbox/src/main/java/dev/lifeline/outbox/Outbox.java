package dev.lifeline.outbox;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventPayload;
import dev.lifeline.observability.TraceParents;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a service publishes an event: the row joins the caller's transaction, so the event exists
 * exactly when the change it describes was committed. The relay sends it to Kafka afterwards, with
 * the trace context it was written in, so its consumers' work joins the trace of the request.
 */
@ApplicationScoped
public class Outbox {

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelayService relay;

    public Outbox(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelayService relay) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Publishes {@code payload} about {@code aggregateId} as part of the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String aggregateId, EventPayload payload) {
        EventEnvelope envelope = EventEnvelope.of(aggregateId, payload);
        // Within a JTA transaction Agroal hands out the connection already enlisted in it, the one
        // Hibernate uses too, so this insert commits or rolls back with the caller's changes.
        try (Connection connection = dataSource.getConnection()) {
            OutboxTable.append(connection, envelope, TraceParents.current());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write event " + envelope.type() + " to the outbox", e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
        return envelope;
    }
}
