package dev.lifeline.devstack;

import dev.lifeline.contracts.Topic;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) inside this JVM. The broker
 * version equals the kafka-clients version of the Quarkus BOM, which is what makes in-JVM possible.
 * It can be stopped and started again on the same port and data, which is how tests take the broker
 * away for a while.
 */
public final class KafkaBroker implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private KafkaRaftServer server;

    private KafkaBroker(int port, int controllerPort, Path dataDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
    }

    /** Formats a fresh data directory and starts the broker; port 0 picks a free one. */
    public static KafkaBroker start(int port) {
        try {
            Path dataDir = Files.createTempDirectory("lifeline-kafka-");
            KafkaBroker broker = new KafkaBroker(port == 0 ? FreePorts.pick() : port, FreePorts.pick(), dataDir);
            broker.format();
            broker.startServer();
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the Kafka data directory", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker but keeps its data, so {@link #restart()} brings back every topic and offset. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public synchronized void restart() {
        stop();
        startServer();
    }

    public boolean isRunning() {
        return server != null;
    }

    public void createTopics(Collection<Topic> topics, int partitions) {
        List<NewTopic> newTopics = topics.stream()
                .map(topic -> new NewTopic(topic.name(), partitions, (short) 1)
                        .configs(topic.compacted()
                                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                                : Map.of()))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (var result : admin.createTopics(newTopics).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topics", e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    @Override
    public void close() {
        stop();
        DataDirs.deleteQuietly(dataDir);
    }

    private Properties config() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1");
        return props;
    }

    private void format() throws IOException {
        Path configFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config().store(out, "Lifeline dev stack broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private synchronized void startServer() {
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config(), false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
    }
}
