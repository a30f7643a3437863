package dev.lifeline.outbox;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.EventPayload;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The applied-events record of this service's consumers. Call it first inside the transaction that
 * applies an event; when it answers false the event was applied before and must be skipped.
 */
@ApplicationScoped
public class AppliedEvents {

    private static final Logger LOG = Logger.getLogger(AppliedEvents.class);

    private final AgroalDataSource dataSource;

    public AppliedEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The whole consuming side of one Kafka record: decode it (a record that is not an event is
     * logged and skipped: it can never succeed), then, in a new transaction, record it as applied
     * and hand it to {@code handler}; retried until it commits. Returns the handler's answer, or
     * empty when the event was applied before or skipped.
     */
    public <T> Optional<T> applyOnce(String consumer, String record, Function<EventEnvelope, T> handler) {
        return applyOnce(consumer, record, event -> true, handler);
    }

    /**
     * As {@link #applyOnce(String, String, Function)}, for a consumer that acts on some events of its
     * topic only: the others are passed over without a transaction (nothing is applied, so nothing
     * needs recording), which on a busy topic is most of the consuming side's cost.
     */
    public <T> Optional<T> applyOnce(String consumer, String record, Predicate<EventPayload> actsOn, Function<EventEnvelope, T> handler) {
        EventEnvelope event;
        try {
            event = EventJson.decode(record);
        } catch (EventJson.MalformedEventException e) {
            LOG.errorf("%s skips a record that is not an event: %s", consumer, e.getMessage());
            return Optional.empty();
        }
        if (!actsOn.test(event.payload())) {
            return Optional.empty();
        }
        return ConsumerRetry.untilApplied(consumer, () -> QuarkusTransaction.requiringNew().call(() ->
                firstApplication(consumer, event) ? Optional.ofNullable(handler.apply(event)) : Optional.<T>empty()));
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
