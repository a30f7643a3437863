package dev.lifeline.outbox;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** The Kafka producer of the relay: every event acknowledged by all in-sync replicas, no duplicates from retries. */
public final class OutboxProducer {

    private OutboxProducer() {
    }

    /**
     * @param connection where the brokers are and how this service signs in to them (bootstrap servers, security settings)
     * @param overrides  any producer settings to change, e.g. timeouts shortened by a test profile
     */
    public static Producer<String, String> create(Map<String, Object> connection, String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
