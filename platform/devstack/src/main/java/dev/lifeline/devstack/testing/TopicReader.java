package dev.lifeline.devstack.testing;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.KafkaBroker;
import dev.lifeline.devstack.KafkaPrincipals;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a consumer of a topic sees of some aggregates, for tests: read from the beginning, as a new
 * consumer group would. Reading goes on for a moment after the expected count, so that a duplicate
 * would show instead of being cut off.
 */
public final class TopicReader {

    private static final Duration SETTLE = Duration.ofSeconds(1);

    private TopicReader() {
    }

    public static List<EventEnvelope> events(KafkaBroker broker, Topic topic, Collection<String> aggregates,
                                             int expected, Duration timeout) {
        return records(broker, topic, aggregates, expected, timeout).stream().map(record -> EventJson.decode(record.value())).toList();
    }

    /** The records themselves, with their headers, as a plain Kafka consumer reads them. */
    public static List<ConsumerRecord<String, String>> records(KafkaBroker broker, Topic topic, Collection<String> aggregates,
                                                               int expected, Duration timeout) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(KafkaPrincipals.ADMIN));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (aggregates.contains(record.key())) {
                        read.add(record);
                    }
                }
                if (read.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + SETTLE.toNanos();
                }
            }
            return read;
        }
    }

    /** A header of a record as text, or null when it has none of that name. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
