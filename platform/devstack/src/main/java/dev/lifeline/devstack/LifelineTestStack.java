package dev.lifeline.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a service's {@code @QuarkusTest}s at a real Kafka broker, a real PostgreSQL and the SMS
 * simulator, all started in the test JVM once and shared by its test classes. Give the service's
 * database with the init argument {@code database}.
 */
public final class LifelineTestStack implements QuarkusTestResourceLifecycleManager {

    private static LocalInfrastructure infrastructure;
    private String database = "lifeline";

    /** The running infrastructure, for tests that break or inspect it. */
    public static synchronized LocalInfrastructure infrastructure() {
        if (infrastructure == null) {
            infrastructure = LocalInfrastructure.startForTests();
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "lifeline-test-stack-shutdown"));
        }
        return infrastructure;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        LocalInfrastructure infra = infrastructure();
        if (!infra.kafka().isRunning()) {
            infra.kafka().restart();
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", infra.postgres().createDatabase(database));
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        config.put("lifeline.sim.url", infra.sms().baseUrl());
        config.put("lifeline.smtp.port", Integer.toString(infra.mail().smtpPort()));
        // a known port rather than a random one, so a service can tell providers where to call back
        config.put("quarkus.http.test-port", Integer.toString(FreePorts.pick()));
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; the shutdown hook stops it
    }
}
