package dev.lifeline.devstack;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.testing.RawProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The local broker is locked as production is: its own principal writes a topic; nobody else can. */
class KafkaAclTest {

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
