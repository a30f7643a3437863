package dev.lifeline.tools.kafka;

import dev.lifeline.contracts.Topic;

/**
 * {@code ./lifeline topic NAME}: every record of a topic on the running local stack, oldest first,
 * read with a plain Kafka client ({@link TopicRecords}). Debian's kcat cannot do SCRAM with a Kafka 4
 * broker (librdkafka before 2.6.1).
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
        TopicRecords.readAll(args[0], TopicRecords.localBrokers())
                .forEach(record -> System.out.printf("%s  %s%n", record.key(), record.value()));
    }
}
