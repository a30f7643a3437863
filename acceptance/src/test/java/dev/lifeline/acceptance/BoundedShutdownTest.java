package dev.lifeline.acceptance;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.LocalInfrastructure;
import dev.lifeline.devstack.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service told to stop (SIGTERM, as Kubernetes does) is gone within 10 s even when Kafka and
 * PostgreSQL went first, and what it committed is not lost: an event committed while Kafka was away
 * reaches Kafka once the broker and the service are back. Packaged services, on infrastructure of
 * this test's own (it takes the database and the broker away).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoundedShutdownTest {

    private static final Duration POD_GRACE = Duration.ofSeconds(10);
    private static LocalInfrastructure infra;
    private static Path logs;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void infrastructureOfItsOwn() throws IOException {
        infra = LocalInfrastructure.startForTests();
        logs = Files.createDirectories(root().resolve("acceptance/target/service-logs"));
    }

    @AfterAll
    static void stopEverything() {
        started.forEach(Process::destroyForcibly);
        infra.close();
    }

    @Test
    @Order(1)
    void aServiceStopsWithinTenSecondsWithKafkaGoneAndItsCommittedEventsFollowWhenKafkaIsBack() throws Exception {
        int port = freePort();
        Process auth = launch("auth-service", port, "auth-1");
        String username = "shutdown" + UUID.randomUUID().toString().substring(0, 8);

        infra.kafka().stop();
        String accountId = given().baseUri("http://127.0.0.1:" + port).contentType("application/json")
                .body(Map.of("username", username, "password", "a long enough password 42", "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201).extract().path("id");
        assertStopsWithinGrace(auth);

        infra.kafka().restart();
        launch("auth-service", port, "auth-2");
        List<EventEnvelope> events = TopicReader.events(infra.kafka(), Topic.ACCOUNT_SECURITY_EVENTS, List.of(accountId), 1,
                Duration.ofSeconds(30));
        assertEquals(1, events.stream().filter(event -> event.type().equals("account.registered")).count(), events.toString());
    }

    @Test
    @Order(2) // takes PostgreSQL away for good
    void servicesStopWithinTenSecondsWithKafkaAndPostgresBothGone() throws Exception {
        Process otp = launch("otp-service", freePort(), "otp");
        Process tickets = launch("ticket-service", freePort(), "tickets");
        infra.kafka().stop();
        infra.postgres().close();
        assertStopsWithinGrace(otp);
        assertStopsWithinGrace(tickets);
    }

    private static void assertStopsWithinGrace(Process service) throws InterruptedException {
        service.destroy();
        assertTrue(service.waitFor(POD_GRACE.toMillis(), TimeUnit.MILLISECONDS),
                "still running " + POD_GRACE.toSeconds() + " s after SIGTERM");
    }

    /** The packaged service, on this test's infrastructure; returns once it is ready. */
    private static Process launch(String service, int port, String logName) throws IOException {
        String database = Map.of("auth-service", "auth", "otp-service", "otp", "ticket-service", "tickets").get(service);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.profile=dev",
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + infra.kafka().bootstrapServers(),
                "-Dquarkus.datasource.jdbc.url=" + infra.postgres().jdbcUrl(database),
                "-Dlifeline.sim.url=" + infra.sms().baseUrl(),
                "-Dlifeline.smtp.port=" + infra.mail().smtpPort(),
                "-Dlifeline.auth.tokens.signing-key-location=" + RunningSystem.testSigningKey(root()),
                "-Dlifeline.auth-service.jwks-url=http://127.0.0.1:" + port + "/api/.well-known/jwks.json",
                "-jar", root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("shutdown-" + logName + ".log").toFile()).start();
        started.add(process);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            assertTrue(process.isAlive(), service + " stopped while starting; see acceptance/target/service-logs/");
            return ready(port);
        });
        return process;
    }

    private static boolean ready(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL()
                    .openConnection();
            connection.setConnectTimeout(500);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static Path root() {
        return Path.of(System.getProperty("lifeline.root", "..")).toAbsolutePath().normalize();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
