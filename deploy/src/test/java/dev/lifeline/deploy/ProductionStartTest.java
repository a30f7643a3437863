package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.devstack.LocalInfrastructure;
import dev.lifeline.devstack.PostgresServer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each service and the gateway, started from its packaged jar in the production profile with exactly
 * the environment and files the local overlay gives its pod, must become ready. Only what a cluster
 * would resolve is translated: the Services' names become this machine's name (never a loopback
 * literal, which production refuses), the databases are a real PostgreSQL, each mounted Secret is a
 * file of the same name. A setting production needs that no manifest gives, a dev-only default, a
 * secret of the wrong shape: the service does not start, and this test shows its log. Its log is
 * JSON lines, as the cluster's log pipeline reads them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionStartTest {

    private static final List<String> SERVICES = List.of("auth-service", "otp-service", "backup-code-service", "ticket-service", "gateway");
    private static final Pattern DATABASE = Pattern.compile("lifeline-[a-z-]+-rw:5432/(\\w+)");
    /** The text format of the local stack: "2026-11-29 01:22:15,286 INFO  [category] ...". */
    private static final Pattern TEXT_RECORD = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVICE = Pattern.compile("\\b(auth-service|otp-service|backup-code-service|ticket-service):\\d+");

    private static LocalInfrastructure infrastructure;
    private static Manifests local;
    private static Path mounts;
    private static String host;
    private static final Map<String, Integer> PORTS = new HashMap<>();
    private static final Map<String, Set<String>> EXPORTED = new HashMap<>();

    @BeforeAll
    static void startInfrastructure() throws Exception {
        local = Manifests.of("local");
        infrastructure = LocalInfrastructure.startForTests();
        host = InetAddress.getLocalHost().getHostName();
        for (String service : SERVICES) {
            PORTS.put(service, freePort());
        }
        mounts = Files.createDirectories(Path.of("target", "production-start").toAbsolutePath());
        writeSecretFiles();
    }

    @AfterAll
    static void stopInfrastructure() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Order(1)
    @ParameterizedTest
    @ValueSource(strings = {"auth-service", "otp-service", "backup-code-service", "ticket-service", "gateway"})
    void startsReadyInProductionWithWhatItsPodIsGiven(String service) throws Exception {
        JsonNode container = local.named("Deployment", service).orElseThrow()
                .path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asText(), translate(valueOf(variable)));
        }
        env.put("QUARKUS_HTTP_PORT", String.valueOf(PORTS.get(service)));
        int healthPort = PORTS.get(service);
        if (service.equals("gateway")) {
            healthPort = freePort();
            env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(healthPort));
        }
        Path jar = Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), jar + " is missing: package the services first (./mvnw verify does)");
        Path log = mounts.resolve(service + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(env.getOrDefault("JAVA_OPTS_APPEND", "").split(" ")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("LIFELINE_") || name.startsWith("KAFKA_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            awaitReady(process, healthPort, log);
            logsInJson(log);
            EXPORTED.put(service, exportedMetrics(PORTS.get(service), healthPort));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * What the people on call depend on is really there: every metric an alert or the dashboard reads
     * is on /q/metrics of a service started as its pod is (Prometheus' own {@code up} aside). A renamed
     * metric, or one that only appears after its first event, would leave an alert silent and a panel empty.
     */
    @Test
    @Order(2)
    void everyMetricTheAlertsAndTheDashboardReadIsExported() throws Exception {
        assertEquals(SERVICES.size(), EXPORTED.size(), "every service started and was scraped first");
        Set<String> exported = EXPORTED.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Map<String, Set<String>> missing = new TreeMap<>();
        List<String> queries = new ArrayList<>(Queries.alerts());
        queries.addAll(Queries.dashboardQueries());
        for (String query : queries) {
            for (String metric : Queries.metricNames(query)) {
                if (!metric.equals("up") && !exported.contains(metric)) {
                    missing.computeIfAbsent(metric, m -> new TreeSet<>()).add(query);
                }
            }
        }
        assertEquals(Map.of(), missing, "metrics read by alerts or the dashboard that no service exports");
    }

    /** The metric names on /q/metrics, after one request of the API so the HTTP server's own series exist. */
    private static Set<String> exportedMetrics(int port, int metricsPort) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/no-such-thing")).build(),
                HttpResponse.BodyHandlers.discarding());
        String metrics = client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + metricsPort + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
    }

    private static String valueOf(JsonNode variable) {
        if (variable.has("value")) {
            return variable.path("value").asText();
        }
        JsonNode from = variable.path("valueFrom");
        if (from.has("configMapKeyRef")) {
            JsonNode ref = from.path("configMapKeyRef");
            return local.named("ConfigMap", ref.path("name").asText()).orElseThrow()
                    .path("data").path(ref.path("key").asText()).asText();
        }
        JsonNode ref = from.path("secretKeyRef");
        String name = ref.path("name").asText();
        String key = ref.path("key").asText();
        return local.named("Secret", name)
                .map(secret -> new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8))
                // what the operators would make: CloudNativePG's database user, Strimzi's SCRAM password
                .orElse(name.endsWith("-app") ? (key.equals("username") ? PostgresServer.USER : PostgresServer.PASSWORD)
                        : "made-by-strimzi-" + name);
    }

    /** What the cluster would resolve, resolved on this machine; mounted files at their place under target/. */
    private static String translate(String value) {
        Matcher database = DATABASE.matcher(value);
        if (database.find()) {
            return infrastructure.postgres().jdbcUrl(database.group(1)).replace("127.0.0.1", host);
        }
        String translated = value.replace("lifeline-kafka-bootstrap:9093", infrastructure.kafka().bootstrapServers().replace("127.0.0.1", host));
        Matcher service = SERVICE.matcher(translated);
        StringBuilder out = new StringBuilder();
        while (service.find()) {
            service.appendReplacement(out, host + ":" + PORTS.get(service.group(1)));
        }
        service.appendTail(out);
        return out.toString().replace("/etc/lifeline/", mounts + "/");
    }

    /** The Secrets the pods mount, made as a person or an operator would make them. */
    private static void writeSecretFiles() throws Exception {
        Path signingKey = Files.createDirectories(mounts.resolve("signing-key")).resolve("signing-key.pem");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Files.writeString(signingKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                        generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        // Strimzi's cluster CA certificate: any CA certificate in PEM makes the client's truststore
        Path ca = Files.createDirectories(mounts.resolve("kafka-ca"));
        Path keystore = ca.resolve("ca.p12");
        Files.deleteIfExists(keystore);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Manifests.run(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-dname", "CN=lifeline-test-cluster-ca",
                "-ext", "bc:c", "-validity", "2", "-keystore", keystore.toString(), "-storepass", "changeit");
        Manifests.run(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", ca.resolve("ca.crt").toString());
    }

    private static void awaitReady(Process process, int port, Path log) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    fail("it stopped (exit " + process.exitValue() + "):\n" + tail(log));
                }
                try {
                    return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            fail("not ready after 120 s:\n" + tail(log));
        }
    }

    /** Production logs one JSON object per line, with level and message, for the cluster's log pipeline; never the text format. */
    private static void logsInJson(Path log) throws IOException {
        // a management port answers "ready" a moment before the start-up lines are written
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> jsonRecords(log) >= 3);
        } catch (ConditionTimeoutException e) {
            fail("fewer than three JSON log records:\n" + tail(log));
        }
        List<String> lines = Files.readAllLines(log);
        List<String> text = lines.stream().filter(line -> TEXT_RECORD.matcher(line).find()).toList();
        assertTrue(text.isEmpty(), "log records in text, not JSON: " + text);
    }

    private static long jsonRecords(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("{")).map(ProductionStartTest::json)
                .filter(record -> record.has("level") && record.has("message")).count();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("a log line that starts like JSON but is not: " + line, e);
        }
    }

    private static String tail(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
