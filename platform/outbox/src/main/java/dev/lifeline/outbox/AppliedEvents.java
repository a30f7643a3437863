package dev.lifeline.outbox;

import dev.lifeline.contracts.EventEnvelope;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The applied-events record of this service's consumers. Call it first inside the transaction that
 * applies an event; when it answers false the event was applied before and must be skipped.
 */
@ApplicationScoped
public class AppliedEvents {

    private final AgroalDataSource dataSource;

    public AppliedEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstApplication(String consumer, EventEnvelope event) {
        try (Connection connection = dataSource.getConnection()) {
            return AppliedEventLog.recordFirstApplication(connection, consumer, event.eventId());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record event " + event.eventId() + " as applied", e);
        }
    }
}
