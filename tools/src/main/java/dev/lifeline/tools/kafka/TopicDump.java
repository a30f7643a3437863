package dev.lifeline.tools.kafka;

import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.KafkaPrincipals;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./lifeline topic NAME}: every record of a topic on the running local stack, oldest first,
 * read with a plain Kafka client signed in as the dev stack's {@code admin} (the broker takes no
 * anonymous clients). Debian's kcat cannot do SCRAM with a Kafka 4 broker (librdkafka before 2.6.1).
 */
public final class TopicDump {

    private TopicDump() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || Topic.ALL.stream().noneMatch(topic -> topic.name().equals(args[0]))) {
            System.err.println("usage: ./lifeline topic NAME, one of: "
                    + String.join(", ", Topic.ALL.stream().map(Topic::name).toList()));
            System.exit(2);
        }
        Map<String, Object> config = new HashMap<>(KafkaPrincipals.clientSecurity(KafkaPrincipals.ADMIN));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv().getOrDefault("LIFELINE_KAFKA", "127.0.0.1:9092"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[0], Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    System.out.printf("%s  %s%n", record.key(), record.value());
                }
            }
        }
    }
}
