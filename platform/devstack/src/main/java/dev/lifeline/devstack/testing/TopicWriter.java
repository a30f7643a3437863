package dev.lifeline.devstack.testing;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.KafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;


/**
 * Tests play another service: one event onto its topic, keyed by its aggregate, as the outbox would
 * send it, signed in as the topic's producer (the only principal the broker lets write it).
 */
public final class TopicWriter {

    private TopicWriter() {
    }

    /** As one of the topic's producers (the first by name). */
    public static void publish(KafkaBroker broker, Topic topic, EventEnvelope event) {
        publish(broker, topic, event, Map.of());
    }

    /** With record headers, e.g. the W3C {@code traceparent} the outbox relay sends. */
    public static void publish(KafkaBroker broker, Topic topic, EventEnvelope event, Map<String, String> headers) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                broker.clientConfig(topic.producers().stream().sorted().findFirst().orElseThrow()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic.name(), event.aggregateId(), EventJson.encode(event));
            headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic.name(), e);
        }
    }
}
