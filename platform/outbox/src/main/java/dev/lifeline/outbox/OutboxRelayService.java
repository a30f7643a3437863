package dev.lifeline.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs this service's outbox relay from start-up to shutdown, and shows ops how far behind it is:
 * {@code lifeline_outbox_pending_events} and {@code lifeline_outbox_failed_passes}.
 */
@ApplicationScoped
public class OutboxRelayService {

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final Map<String, Object> connection;
    private final String serviceName;
    private final MeterRegistry meters;
    private RelayLoop loop;

    public OutboxRelayService(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry meters,
                              @Identifier("default-kafka-broker") Map<String, Object> kafka,
                              @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.dataSource = dataSource;
        this.config = config;
        this.connection = connectionOf(kafka);
        this.serviceName = serviceName;
        this.meters = meters;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("lifeline.outbox.pending.events", this, OutboxRelayService::pendingEvents)
                .description("Events written to the outbox and not yet acknowledged by Kafka")
                .strongReference(true).register(meters);
        Gauge.builder("lifeline.outbox.failed.passes", this, OutboxRelayService::consecutiveFailures)
                .description("Relay passes in a row that Kafka refused; 0 while events flow")
                .strongReference(true).register(meters);
        if (!config.relayEnabled()) {
            return;
        }
        Map<String, Object> overrides = new HashMap<>(config.producer());
        loop = new RelayLoop(serviceName, dataSource,
                () -> OutboxProducer.create(connection, serviceName + "-outbox", overrides),
                config.relaySettings()).start();
    }

    /** Of the service's {@code kafka.*} settings, where the brokers are and how to sign in: the relay signs in as the service does. */
    static Map<String, Object> connectionOf(Map<String, Object> kafka) {
        Map<String, Object> connection = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                connection.put(key, value);
            }
        });
        return connection;
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Called after a commit that wrote events, so they leave now rather than at the next poll. */
    void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    double pendingEvents() {
        try (Connection connection = dataSource.getConnection()) {
            return OutboxTable.countPending(connection);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /** Passes in a row that the broker refused; 0 while events flow. */
    public long consecutiveFailures() {
        return loop == null ? 0 : loop.consecutiveFailures();
    }
}
