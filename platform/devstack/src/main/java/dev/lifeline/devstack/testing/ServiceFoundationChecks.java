package dev.lifeline.devstack.testing;

import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.LocalInfrastructure;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * What every Lifeline service promises ops and clients, checked against the real broker and
 * database: each service's {@code @QuarkusTest} extends this and names its database.
 */
public abstract class ServiceFoundationChecks {

    private static final Duration HEALTH_CHANGE = Duration.ofSeconds(30);

    /** The database the service under test owns. */
    protected abstract String database();

    @Test
    void isLiveAndReadyWithItsDatabaseAndShowsKafka() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", not(hasItem(containsString("Kafka"))));
        awaitHealth("/q/health/well", 200).body("checks.find { it.name.startsWith('Kafka') }.status", equalTo("UP"));
    }

    @Test
    void migratedItsOwnDatabase() throws SQLException {
        LocalInfrastructure infra = LifelineTestStack.infrastructure();
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(database()), "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM flyway_schema_history WHERE success AND script LIKE '%outbox%'")) {
            rs.next();
            // the outbox's table (V0_1) and the trace context it keeps with each event (R__outbox_trace_context)
            org.junit.jupiter.api.Assertions.assertEquals(2, rs.getInt(1));
        }
    }

    /** Every event waits in the outbox while Kafka is away: the service keeps its endpoints and says what it sees. */
    @Test
    void staysReadyWhileKafkaIsAwayAndShowsItInHealth() {
        LocalInfrastructure infra = LifelineTestStack.infrastructure();
        infra.kafka().stop();
        try {
            awaitHealth("/q/health/well", 503).body("checks.find { it.name.startsWith('Kafka') }.status", equalTo("DOWN"));
            given().get("/q/health/ready").then().log().ifValidationFails().statusCode(200);
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            infra.kafka().restart();
        }
        awaitHealth("/q/health/well", 200);
    }

    @Test
    void isNotReadyWhileItsDatabaseRefusesConnectionsAndRecoversByItself() throws SQLException {
        LocalInfrastructure infra = LifelineTestStack.infrastructure();
        setDatabaseOpen(infra, false);
        try {
            awaitReadiness(503).body("status", equalTo("DOWN"));
        } finally {
            setDatabaseOpen(infra, true);
        }
        awaitReadiness(200);
    }

    @Test
    void publishesPrometheusMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("lifeline_outbox_pending_events"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", org.hamcrest.Matchers.startsWith("3."));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        given().get("/api/no-such-thing").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not_found"))
                .body("status", equalTo(404));
    }

    private void setDatabaseOpen(LocalInfrastructure infra, boolean open) throws SQLException {
        try (Connection admin = DriverManager.getConnection(infra.postgres().jdbcUrl("postgres"), "postgres", "postgres")) {
            admin.createStatement().execute("ALTER DATABASE " + database() + " ALLOW_CONNECTIONS " + open);
            if (!open) {
                admin.createStatement().execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database() + "'");
            }
        }
    }

    private static ValidatableResponse awaitReadiness(int status) {
        return awaitHealth("/q/health/ready", status);
    }

    private static ValidatableResponse awaitHealth(String path, int status) {
        long deadline = System.nanoTime() + HEALTH_CHANGE.toNanos();
        while (true) {
            ValidatableResponse response = given().get(path).then().log().ifValidationFails();
            if (response.extract().statusCode() == status || System.nanoTime() > deadline) {
                return response.statusCode(status);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
