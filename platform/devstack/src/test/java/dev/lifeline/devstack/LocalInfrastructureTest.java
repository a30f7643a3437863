package dev.lifeline.devstack;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.testing.RawProducer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfrastructureTest {

    private static LocalInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.startForTests();
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @Test
    void everyTopicOfTheArchitectureExistsAndChannelHealthIsCompacted() throws Exception {
        try (Admin admin = Admin.create(infra.kafka().clientConfig(KafkaPrincipals.ADMIN))) {
            Set<String> names = admin.listTopics().names().get();
            for (Topic topic : Topic.ALL) {
                assertTrue(names.contains(topic.name()), topic.name() + " missing from " + names);
            }
            ConfigResource health = new ConfigResource(ConfigResource.Type.TOPIC, Topic.SMS_CHANNEL_HEALTH.name());
            Config config = admin.describeConfigs(List.of(health)).all().get().get(health);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
    }

    @Test
    void eachServiceHasItsOwnDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(infra.postgres().jdbcUrl("postgres"),
                PostgresServer.USER, PostgresServer.PASSWORD);
             ResultSet rs = connection.createStatement().executeQuery("SELECT datname FROM pg_database")) {
            Set<String> databases = new java.util.HashSet<>();
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
            assertTrue(databases.containsAll(LocalInfrastructure.SERVICE_DATABASES), databases.toString());
        }
    }

    @Test
    void theBrokerKeepsItsDataAcrossARestart() throws Exception {
        String topic = Topic.RECOVERY_TICKETS.name();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(infra.kafka().clientConfig(Services.TICKETS),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "before-restart")).get();
        }

        infra.kafka().restart();

        Map<String, Object> config = new HashMap<>(infra.kafka().clientConfig(KafkaPrincipals.ADMIN));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-test");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
            assertEquals(List.of("before-restart"), values.stream().collect(Collectors.toList()));
        }
    }

    // --- the broker is locked as production is: its own principal writes a topic; nobody else can ---

    @Test
    void theProducingServiceWritesItsTopic() {
        assertDoesNotThrow(() -> send(infra.kafka().clientConfig(Services.TICKETS), Topic.RECOVERY_TICKETS));
    }

    @Test
    void anotherServiceCannotWriteATopicItDoesNotOwn() {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> send(infra.kafka().clientConfig(Services.OTP), Topic.RECOVERY_TICKETS));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(infra.kafka().clientConfig(Services.TICKETS));
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"ticket-service\" password=\"guessed\";");
        Exception refused = assertThrows(Exception.class, () -> send(config, Topic.RECOVERY_TICKETS));
        assertInstanceOf(SaslAuthenticationException.class, RawProducer.refusal(refused));
    }

    @Test
    void aClientWithoutCredentialsNeverGetsIn() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        Exception refused = assertThrows(Exception.class, () -> send(config, Topic.RECOVERY_TICKETS));
        assertInstanceOf(TimeoutException.class, RawProducer.refusal(refused));
    }

    private static void send(Map<String, Object> client, Topic topic) throws Exception {
        RawProducer.send(client, topic.name(), "attacker", "{}");
    }
}
