package dev.lifeline.tools.kafka;

import dev.lifeline.devstack.KafkaPrincipals;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every record of a topic on the running local stack, oldest first per partition, read with a plain
 * Kafka client signed in as the dev stack's {@code admin} (the broker takes no anonymous clients).
 */
public final class TopicRecords {

    /** Held, so that the log manager keeps the level: a Kafka client's INFO lines would bury a drill's report. */
    private static final java.util.logging.Logger KAFKA_LOG = org.jboss.logmanager.Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private TopicRecords() {
    }

    public record Record(String key, String value) {
    }

    /** The brokers of the local stack ({@code LIFELINE_KAFKA}, else the first broker). */
    public static String localBrokers() {
        return System.getenv().getOrDefault("LIFELINE_KAFKA", "127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094");
    }

    public static List<Record> readAll(String topic, String brokers) {
        Map<String, Object> config = new HashMap<>(KafkaPrincipals.clientSecurity(KafkaPrincipals.ADMIN));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Record> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new Record(record.key(), record.value()));
                }
            }
        }
        return records;
    }
}
