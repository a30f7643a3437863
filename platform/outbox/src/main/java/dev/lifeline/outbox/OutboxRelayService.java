package dev.lifeline.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;

/** Runs this service's outbox relay from start-up to shutdown. */
@ApplicationScoped
public class OutboxRelayService {

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final String serviceName;
    private RelayLoop loop;

    public OutboxRelayService(AgroalDataSource dataSource, OutboxConfig config,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                              @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.serviceName = serviceName;
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            return;
        }
        Map<String, Object> overrides = new HashMap<>(config.producer());
        loop = new RelayLoop(serviceName, dataSource,
                () -> OutboxProducer.create(bootstrapServers, serviceName + "-outbox", overrides),
                config.relaySettings()).start();
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

    /** Passes in a row that the broker refused; 0 while events flow. */
    public long consecutiveFailures() {
        return loop == null ? 0 : loop.consecutiveFailures();
    }
}
