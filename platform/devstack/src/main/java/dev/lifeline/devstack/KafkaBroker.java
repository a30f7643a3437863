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
import org.apache.kafka.common.security.plain.internals.PlainSaslServerProvider;
import org.apache.kafka.common.security.scram.internals.ScramSaslServerProvider;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * A real Kafka broker (KRaft, broker and controller in one) inside this JVM: alone (tests), or one
 * node of a cluster of several processes ({@link KafkaNode}, the local stack's {@code --brokers 3}). The broker
 * version equals the kafka-clients version of the Quarkus BOM, which is what makes in-JVM possible.
 * It can be stopped and started again on the same port and data, which is how tests take the broker
 * away for a while.
 *
 * <p>It is locked as production is: clients authenticate with SASL/SCRAM-SHA-512, one principal per
 * service ({@link KafkaPrincipals}), and ACLs made from {@link Topic}'s producer and consumers let each
 * service write only its own topics and read only what it consumes. A client without credentials
 * never gets in.
 */
public final class KafkaBroker implements AutoCloseable {

    /**
     * Where one node of a cluster listens and keeps its data.
     *
     * @param voters      the controller quorum, {@code id@host:port,...}
     * @param replication how many copies of each partition the cluster keeps (1 alone, 3 in a cluster of three)
     */
    public record Node(int id, int port, int controllerPort, String voters, Path dataDir, String clusterId, int replication) {
        /** Writes must reach this many copies: two of three, or the only one. */
        int minInSync() {
            return Math.min(2, replication);
        }
    }

    private final Node node;
    private KafkaRaftServer server;

    private KafkaBroker(Node node) {
        this.node = node;
    }

    /** Formats a fresh data directory and starts a broker of its own; port 0 picks a free one. */
    public static KafkaBroker start(int port) {
        try {
            int controllerPort = FreePorts.pick();
            Path dataDir = Files.createTempDirectory("lifeline-kafka-");
            return startNode(new Node(1, port == 0 ? FreePorts.pick() : port, controllerPort, "1@127.0.0.1:" + controllerPort,
                    dataDir, Uuid.randomUuid().toString(), 1));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the Kafka data directory", e);
        }
    }

    /**
     * Starts one node of a cluster; its data directory is formatted the first time only, so a node
     * that was killed comes back with its data and catches up from the others.
     */
    public static KafkaBroker startNode(Node node) {
        try {
            KafkaBroker broker = new KafkaBroker(node);
            if (!Files.exists(node.dataDir().resolve("logs").resolve("meta.properties"))) {
                Files.createDirectories(node.dataDir());
                broker.format();
            }
            broker.startServer();
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the Kafka data directory", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + node.port();
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
        createTopics(clientConfig(KafkaPrincipals.ADMIN), topics, partitions, node.replication());
    }

    /**
     * Grants each service its topics and creates every topic, on whichever cluster {@code adminConfig}
     * reaches: {@code replication} copies of each partition, of which writes must reach two (or the only one).
     */
    public static void createTopics(Map<String, Object> adminConfig, Collection<Topic> topics, int partitions, int replication) {
        String minInSync = Integer.toString(Math.min(2, replication));
        List<NewTopic> newTopics = topics.stream()
                .map(topic -> new NewTopic(topic.name(), partitions, (short) replication).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSync)))
                .toList();
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createAcls(KafkaPrincipals.acls(topics)).all().get();
            for (var result : admin.createTopics(newTopics).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topics", e.getCause());
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot grant the services their topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** What a client signing in as {@code principal} needs to reach this broker. */
    public Map<String, Object> clientConfig(String principal) {
        return clientConfig(principal, bootstrapServers());
    }

    /** What a client signing in as {@code principal} needs to reach the brokers at {@code bootstrapServers}. */
    public static Map<String, Object> clientConfig(String principal, String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(KafkaPrincipals.clientSecurity(principal));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    @Override
    public void close() {
        stop();
        DataDirs.deleteQuietly(node.dataDir());
    }

    private Properties config() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.id()));
        props.put("controller.quorum.voters", node.voters());
        props.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
        props.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + node.port());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        props.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        // clients and the broker itself: SCRAM, whose credentials live in the metadata log
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        props.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", KafkaPrincipals.jaasConfig(KafkaPrincipals.ADMIN));
        // the controller serves that log, so it cannot use SCRAM: a static PLAIN user instead
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + KafkaPrincipals.ADMIN
                        + "\" password=\"" + KafkaPrincipals.devPassword(KafkaPrincipals.ADMIN) + "\" user_" + KafkaPrincipals.ADMIN
                        + "=\"" + KafkaPrincipals.devPassword(KafkaPrincipals.ADMIN) + "\";");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", "User:" + KafkaPrincipals.ADMIN);
        props.put("allow.everyone.if.no.acl.found", "false");
        props.put("log.dirs", node.dataDir().resolve("logs").toString());
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        // Kafka's own topics as many copies as the cluster keeps of ours
        String replication = Integer.toString(node.replication());
        String minInSync = Integer.toString(node.minInSync());
        props.put("default.replication.factor", replication);
        props.put("min.insync.replicas", minInSync);
        props.put("offsets.topic.replication.factor", replication);
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", replication);
        props.put("transaction.state.log.min.isr", minInSync);
        props.put("share.coordinator.state.topic.replication.factor", replication);
        props.put("share.coordinator.state.topic.min.isr", minInSync);
        props.put("group.initial.rebalance.delay.ms", "0");
        // a broker on one machine: its compacted topics are small, so the log cleaner needs no 128 MiB
        // of heap for its dedupe buffer (Kafka's default); and it leaves flushing to the OS (a killed
        // broker loses nothing the OS has; only a machine crash could, which a dev stack may)
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return props;
    }

    private void format() throws IOException {
        Path configFile = node.dataDir().resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config().store(out, "Lifeline dev stack broker");
        }
        List<String> command = new ArrayList<>(List.of("format", "-t", node.clusterId(), "-c", configFile.toString()));
        for (String principal : KafkaPrincipals.ALL) {
            command.addAll(List.of("--add-scram",
                    "SCRAM-SHA-512=[name=" + principal + ",password=" + KafkaPrincipals.devPassword(principal) + "]"));
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(command.toArray(String[]::new), new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * The broker's SASL servers come from JVM-wide security providers, registered once by whichever
     * copy of Kafka's classes got there first. Inside a Quarkus test a second copy exists (the
     * application's class loader), and a server from one copy does not recognise the callbacks of the
     * other: every sign-in fails. So the broker registers its own copy's providers before it starts.
     */
    private synchronized void startServer() {
        for (Provider provider : Security.getProviders()) {
            boolean kafkaServer = provider.getClass().getName().equals(PlainSaslServerProvider.class.getName())
                    || provider.getClass().getName().equals(ScramSaslServerProvider.class.getName());
            if (kafkaServer && provider.getClass().getClassLoader() != KafkaBroker.class.getClassLoader()) {
                Security.removeProvider(provider.getName());
            }
        }
        PlainSaslServerProvider.initialize();
        ScramSaslServerProvider.initialize();
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config(), false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
    }
}
