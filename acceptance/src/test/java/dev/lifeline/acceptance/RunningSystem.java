package dev.lifeline.acceptance;

import dev.lifeline.contracts.totp.Totp;
import dev.lifeline.devstack.LocalInfrastructure;
import dev.lifeline.devstack.PostgresServer;
import dev.lifeline.devstack.sms.ProviderMode;
import dev.lifeline.devstack.sms.SimulatorClient;
import org.apache.commons.codec.binary.Base32;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Lifeline as it runs for real: the packaged services and gateway (the jars `./lifeline up` runs),
 * each in its own JVM, on a real Kafka, PostgreSQL and SMS simulator. Started once per test JVM.
 */
final class RunningSystem {

    private static RunningSystem instance;
    static final String DEV_STAFF_PASSWORD = "lifeline-dev-password";
    /** The seeded staff's dev-only authenticator secret, as the README gives it. */
    static final String DEV_STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

    final LocalInfrastructure infra;
    /** auth-service's token signing key, here a test key (platform/devstack test-keys). */
    final Path signingKey;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    /** The gateway shows health and metrics on its management interface only, not on its public port. */
    final int gatewayManagementPort = freePort();
    private final List<Process> processes = new ArrayList<>();
    /** Each process's log, so that one that dies while starting can say why (a retry overwrites the logs). */
    private final Map<Process, Path> logOf = new java.util.HashMap<>();
    private final Map<String, StaffSession> staffSessions = new HashMap<>();
    private final Map<String, Long> lastStaffStep = new HashMap<>();

    private RunningSystem(LocalInfrastructure infra, Path signingKey) {
        this.infra = infra;
        this.signingKey = signingKey;
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "lifeline-acceptance-shutdown"));
        }
        return instance;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    /**
     * The gateway as a browser must name it for passkeys: WebAuthn binds a passkey to a domain
     * ({@code localhost} here), never to an IP address.
     */
    String gatewayUrlForPasskeys() {
        return "http://localhost:" + ports.get("gateway");
    }

    /**
     * An access token of one of the local stack's seeded staff accounts (agent1, agent2, ops1),
     * reused while its sign-in is under four minutes old: each sign-in spends one of the staff's
     * authenticator codes, and approvals need a sign-in from the last five minutes.
     */
    synchronized String staffToken(String username) {
        StaffSession session = staffSessions.get(username);
        if (session == null || session.signedInAt().isBefore(Instant.now().minus(Duration.ofMinutes(4)))) {
            session = new StaffSession(signInStaff(username), Instant.now());
            staffSessions.put(username, session);
        }
        return session.accessToken();
    }

    /** A new sign-in of seeded staff, with the password and the code of the dev-only authenticator secret. */
    String signInStaff(String username) {
        String challenge = io.restassured.RestAssured.given().baseUri(gatewayUrl()).contentType("application/json")
                .body(Map.of("username", username, "password", DEV_STAFF_PASSWORD))
                .post("/api/login").then().statusCode(200).extract().path("challenge.id");
        return io.restassured.RestAssured.given().baseUri(gatewayUrl()).contentType("application/json")
                .body(Map.of("method", "totp", "code", nextStaffCode(username)))
                .post("/api/login/challenges/" + challenge + "/verify").then().statusCode(200).extract().path("tokens.accessToken");
    }

    /**
     * The code the seeded staff's authenticator app shows, never one this run has used for the account
     * before (each works once): this step's, else the next one's (accepted as drift), else it waits.
     */
    synchronized String nextStaffCode(String username) {
        long step = Math.max(Totp.stepAt(Instant.now()), lastStaffStep.getOrDefault(username, Long.MIN_VALUE) + 1);
        await().atMost(Duration.ofSeconds(Totp.STEP_SECONDS + 5)).pollInterval(Duration.ofMillis(200))
                .until(() -> Totp.stepAt(Instant.now()) >= step - Totp.DRIFT_STEPS);
        lastStaffStep.put(username, step);
        return Totp.code(new Base32().decode(DEV_STAFF_TOTP_SECRET), step);
    }

    private record StaffSession(String accessToken, Instant signedInAt) {
    }

    /** Breaks (or mends) every provider of the SMS simulator: ok, fail, slow or silent-drop. */
    void setSmsProviders(String mode) {
        world().setProviders(ProviderMode.of(mode));
    }

    /** The SMS channel as otp-service judges it, read as ops1 does. */
    String smsChannel() {
        return io.restassured.RestAssured.given().baseUri(gatewayUrl()).auth().oauth2(staffToken("ops1"))
                .get("/api/ops/sms-health").then().statusCode(200).extract().path("channel");
    }

    /** People's phones and mailboxes, and the SMS providers: the simulator, read as the drills read it. */
    SimulatorClient world() {
        return new SimulatorClient(smsSimulatorUrl());
    }

    /** Emails the dev stack's SMTP server received for {@code to}, oldest first. */
    List<SimulatorClient.Mail> mailTo(String to) {
        return world().mail(to);
    }

    /** Waits (20 s at most) for emails titled {@code subject} to reach {@code to}; returns them, oldest first. */
    List<SimulatorClient.Mail> awaitMail(String to, String subject) {
        SimulatorClient world = world();
        return world.awaitMail(to, subject, 1, Duration.ofSeconds(20)).map(first -> world.mail(to, subject))
                .orElseThrow(() -> new AssertionError("no email \"" + subject + "\" reached " + to + " within 20 s"));
    }

    /** The identity checks every recovery ticket needs, each done by every approving agent. */
    static final List<String> CHECKS = List.of("account-email-reached", "history-matches", "no-takeover-signs");

    /** agent1 and agent2 each claim the ticket, pass every check themselves and approve it: the hold starts. */
    void approveByTwoAgents(String ticket) {
        for (String name : List.of("agent1", "agent2")) {
            io.restassured.specification.RequestSpecification desk = io.restassured.RestAssured.given().baseUri(gatewayUrl())
                    .contentType("application/json").auth().oauth2(staffToken(name));
            desk.get("/api/agent/tickets").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(ticket));
            desk.post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200);
            for (String check : CHECKS) {
                desk.body(Map.of("name", check, "passed", true, "note", "verified by " + name))
                        .post("/api/agent/tickets/" + ticket + "/checks").then().statusCode(200);
            }
            desk.body(Map.of("note", "approved by " + name)).post("/api/agent/tickets/" + ticket + "/approve").then().statusCode(200);
        }
    }

    String smsSimulatorUrl() {
        return infra.sms().baseUrl();
    }

    Connection database(String name) throws SQLException {
        return DriverManager.getConnection(infra.postgres().jdbcUrl(name), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static RunningSystem start() {
        Path root = Path.of(System.getProperty("lifeline.root", "..")).toAbsolutePath().normalize();
        RunningSystem system = new RunningSystem(LocalInfrastructure.startForTests(), testSigningKey(root));
        for (String service : List.of("auth-service", "otp-service", "backup-code-service", "ticket-service", "gateway")) {
            system.ports.put(service, freePort());
        }
        try {
            Path logs = Files.createDirectories(root.resolve("acceptance/target/service-logs"));
            for (String service : system.ports.keySet()) {
                system.launch(root, logs, service);
            }
            for (String service : system.ports.keySet()) {
                system.awaitReady(service, Duration.ofSeconds(120));
            }
            return system;
        } catch (IOException | RuntimeException e) {
            system.stop();
            throw new IllegalStateException("Lifeline did not start; see acceptance/target/service-logs/", e);
        }
    }

    private void launch(Path root, Path logs, String service) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify does)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.profile=dev",
                "-Dquarkus.http.port=" + ports.get(service),
                "-Dquarkus.management.port=" + gatewayManagementPort,
                "-Dkafka.bootstrap.servers=" + infra.kafka().bootstrapServers(),
                "-Dlifeline.sim.url=" + infra.sms().baseUrl(),
                "-Dquarkus.rest-client.otp-service.url=" + url("otp-service"),
                "-Dquarkus.rest-client.backup-code-service.url=" + url("backup-code-service"),
                "-Dquarkus.rest-client.ticket-service.url=" + url("ticket-service"),
                // a key the tests hold too, so that they can make the tokens an insider could forge
                "-Dlifeline.auth.tokens.signing-key-location=" + signingKey,
                "-Dlifeline.auth-service.jwks-url=" + url("auth-service") + "/api/.well-known/jwks.json",
                "-Dlifeline.gateway.services.auth=" + url("auth-service"),
                "-Dlifeline.gateway.services.otp=" + url("otp-service"),
                "-Dlifeline.gateway.services.backup-codes=" + url("backup-code-service"),
                "-Dlifeline.gateway.services.tickets=" + url("ticket-service"),
                // outages are detected in seconds here, not minutes as on the local stack
                "-Dlifeline.otp.health.evaluate-every=PT0.3S",
                "-Dlifeline.otp.health.window=PT6S",
                "-Dlifeline.otp.health.receipt-grace=PT1S",
                "-Dlifeline.otp.health.minimum-messages=3",
                "-Dlifeline.otp.breaker.minimum-calls=2",
                "-Dlifeline.otp.breaker.window-seconds=5",
                "-Dlifeline.otp.breaker.open-for=PT10S",
                "-Dlifeline.smtp.port=" + infra.mail().smtpPort(),
                // passkeys belong to the pages' origin, which the browser sees as localhost
                "-Dlifeline.auth.passkeys.origins=" + gatewayUrlForPasskeys(),
                // a recovery's hold: seconds here, a day in production
                "-Dlifeline.tickets.hold=PT3S",
                // each Person comes from an address of its own (X-Forwarded-For through the local stack's trusted
                // loopback proxy); the browser's people share 127.0.0.1. Low enough to test, high enough for them.
                "-Dlifeline.auth.sms.velocity.enrollments-per-client-per-hour=10",
                // every Person enrolls a number of the one fictional UK prefix; a flood of a fresh US prefix is tested
                "-Dlifeline.auth.sms.velocity.per-prefix-per-hour=150",
                // a country with a limit of its own; only SmsPumpingTest texts Australian numbers
                "-Dlifeline.auth.sms.velocity.country-limits.AU=5",
                // the conversion guard judges no text younger than this, so it never blocks a limit test's prefix
                // half-way; the guard itself: auth-service's SmsPumpingTest and ./lifeline drill sms-pumping
                "-Dlifeline.auth.sms.blocking.grace=PT30M",
                // many acceptance tests share one address; ticket-service's own tests cover its limits
                "-Dlifeline.tickets.max-requests-per-ip-per-hour=100000",
                // tests issue codes nobody types in; conversion is judged in otp-service's own tests
                "-Dlifeline.otp.health.conversion.minimum-codes=100000",
                // the acceptance tests are many clients on one address; the edge limit has tests of its own
                "-Dlifeline.gateway.rate-limit.burst=100000",
                "-Dlifeline.gateway.rate-limit.per-second=100000"));
        String database = Map.of("auth-service", "auth", "otp-service", "otp",
                "backup-code-service", "backup_codes", "ticket-service", "tickets").get(service);
        if (database != null) {
            command.add("-Dquarkus.datasource.jdbc.url=" + infra.postgres().jdbcUrl(database));
        }
        if (service.equals("backup-code-service")) {
            // "a sign-in from the last minutes" before new backup codes: seconds here, so tests can outlive it
            command.add("-Dlifeline.security.fresh-sign-in=PT10S");
        }
        command.addAll(List.of("-jar", jar.toString()));
        File log = logs.resolve(service + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        processes.add(process);
        logOf.put(process, log.toPath());
    }

    static Path testSigningKey(Path root) {
        try (var key = RunningSystem.class.getClassLoader().getResourceAsStream("test-keys/signing-key.pem")) {
            Path file = Files.createDirectories(root.resolve("acceptance/target")).resolve("signing-key.pem");
            Files.write(file, key.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test signing key", e);
        }
    }

    private String healthUrl(String service) {
        return service.equals("gateway") ? "http://127.0.0.1:" + gatewayManagementPort : url(service);
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private void awaitReady(String service, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(healthUrl(service) + "/q/health/ready").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(5000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(logOf.get(process).getFileName() + " stopped while starting (exit "
                            + process.exitValue() + "); its log ends:\n" + tail(logOf.get(process), 40));
                }
            }
            sleep(250);
        }
        throw new IllegalStateException(service + " was not ready within " + timeout);
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private void stop() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        infra.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
