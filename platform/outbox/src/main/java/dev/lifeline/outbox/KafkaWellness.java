package dev.lifeline.outbox;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.Wellness;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's state as this service sees it, in {@code /q/health} (the wellness group), never in
 * readiness: every event a service writes waits in its outbox until Kafka is back, so a Kafka outage
 * must not take the service's endpoints away (on Kubernetes a failing readiness probe does exactly
 * that). The check asks the cluster for its brokers with a short timeout and says how many events
 * wait in the outbox.
 */
@Wellness
@ApplicationScoped
public class KafkaWellness implements HealthCheck {

    private static final int TIMEOUT_MS = 2000;
    private final Map<String, Object> connection;
    private final OutboxRelayService relay;
    private Admin admin;

    public KafkaWellness(@Identifier("default-kafka-broker") Map<String, Object> kafka, OutboxRelayService relay) {
        this.connection = new HashMap<>(OutboxRelayService.connectionOf(kafka));
        this.connection.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.connection.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka (shown, not gating readiness: the outbox holds events until it is back)");
        double pending = relay.pendingEvents();
        if (!Double.isNaN(pending)) {
            response.withData("outboxPendingEvents", (long) pending);
        }
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS + 500, TimeUnit.MILLISECONDS).size();
            return response.withData("brokers", brokers).up().build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.withData("error", e.getClass().getSimpleName()).down().build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(connection);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
