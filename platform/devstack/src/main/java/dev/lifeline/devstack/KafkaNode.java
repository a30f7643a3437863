package dev.lifeline.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * One Kafka broker of the local stack, in a process of its own so that it can be killed and
 * started again by itself ({@code ./lifeline kill broker-2}). Its data stays in its directory for
 * the life of the stack. Settings come from the environment the runner gives it:
 * {@code LIFELINE_KAFKA_NODE_ID}, {@code _PORT}, {@code _CONTROLLER_PORT}, {@code _VOTERS},
 * {@code _DATA}, {@code _CLUSTER_ID}, {@code _REPLICATION}.
 */
public final class KafkaNode {

    private KafkaNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        DevStack.quietLogs();
        long started = System.nanoTime();
        KafkaBroker.Node node = new KafkaBroker.Node(
                DevStack.intSetting("LIFELINE_KAFKA_NODE_ID", 1),
                DevStack.intSetting("LIFELINE_KAFKA_PORT", 9092),
                DevStack.intSetting("LIFELINE_KAFKA_CONTROLLER_PORT", 19092),
                DevStack.setting("LIFELINE_KAFKA_VOTERS", "1@127.0.0.1:19092"),
                Path.of(DevStack.setting("LIFELINE_KAFKA_DATA", ".lifeline/kafka-1")),
                DevStack.setting("LIFELINE_KAFKA_CLUSTER_ID", "bGlmZWxpbmUtZGV2LWthZg"),
                DevStack.intSetting("LIFELINE_KAFKA_REPLICATION", 1));
        KafkaBroker broker = KafkaBroker.startNode(node);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "kafka-node-shutdown"));
        System.out.printf("kafka node %d ready in %d ms on %s%n", node.id(),
                (System.nanoTime() - started) / 1_000_000, broker.bootstrapServers());
        stopped.await();
    }
}
