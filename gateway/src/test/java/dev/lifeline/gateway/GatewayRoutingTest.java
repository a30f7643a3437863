package dev.lifeline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(FakeServices.class)
class GatewayRoutingTest {

    @ParameterizedTest
    @CsvSource({
            "POST, /api/accounts, auth",
            "POST, /api/login, auth",
            "POST, /api/login/challenges/abc/verify, auth",
            "GET, /api/.well-known/jwks.json, auth",
            "GET, /api/me, auth",
            "DELETE, /api/me/sessions/s1, auth",
            "POST, /api/me/2fa/sms/confirm, auth",
            "POST, /api/me/backup-codes, backup-codes",
            "GET, /api/me/backup-codes, backup-codes",
            "GET, /api/me/recovery-tickets, tickets",
            "POST, /api/me/recovery-tickets/0b2c/cancel, tickets",
            "POST, /api/recovery-tickets, tickets",
            "GET, /api/recovery-tickets/t1, tickets",
            "GET, /api/agent/tickets, tickets",
            "GET, /api/ops/sms-health, otp",
            "GET, /api/ops/tickets, tickets",
            "GET, /api/ops/sms-fraud, auth",
            "DELETE, /api/ops/sms-fraud/blocks/447700, auth",
            // an SMS provider's delivery receipt, checked by otp-service against the provider's signature
            "POST, /callbacks/sms/alpha/6f1c2a7e-0d3b-4c55-9a41-2b7f0e8d9c10, otp",
    })
    void eachContractPathReachesItsServiceUnchanged(String method, String path, String service) {
        given().request(method, path + "?page=2").then()
                .statusCode(200)
                .body("service", equalTo(service))
                .body("method", equalTo(method))
                .body("path", equalTo(path))
                .body("query", equalTo("page=2"));
    }

    @Test
    void aPrefixDoesNotCaptureLongerNames() {
        given().get("/api/me/backup-codes-export").then().statusCode(200).body("service", equalTo("auth"));
    }

    @Test
    void everyRequestGetsAnIdThatTheServiceAndTheClientBothSee() {
        given().get("/api/me").then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "client-chosen-id-42").get("/api/me").then()
                .header("X-Request-Id", "client-chosen-id-42")
                .body("requestId", equalTo("client-chosen-id-42"));
        given().header("X-Request-Id", "<script>").get("/api/me").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void theServiceLearnsTheRealClientAddressNotAClaimedOne() {
        given().header("X-Forwarded-For", "203.0.113.9").get("/api/me").then()
                .body("forwardedFor", equalTo("127.0.0.1"));
    }

    @Test
    void bodiesOverTheLimitAreRefusedAtTheEdge() {
        given().contentType(ContentType.JSON).body("{\"a\":\"" + "x".repeat(70_000) + "\"}").post("/api/accounts").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("payload_too_large"));
        given().contentType(ContentType.JSON).body("{\"a\":\"" + "x".repeat(1_000) + "\"}").post("/api/accounts").then()
                .statusCode(200)
                .body("bodyLength", equalTo(1_008));
    }

    @Test
    void aServiceThatIsDownGivesA503ProblemAndComesBackByItself() throws Exception {
        FakeServices.stopService("otp");
        try {
            given().get("/api/ops/sms-health").then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("code", equalTo("service_unavailable"))
                    .body("status", equalTo(503));
            given().get("/api/me").then().statusCode(200).body("service", equalTo("auth"));
        } finally {
            FakeServices.startService("otp");
        }
        given().get("/api/ops/sms-health").then().statusCode(200).body("service", equalTo("otp"));
    }

    @Test
    void aServiceThatStopsAnsweringGivesA504Problem() {
        given().get("/api/me/hang").then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("code", equalTo("gateway_timeout"));
    }

    /** The management interface's root, {@code /q/}. */
    @TestHTTPResource(value = "", management = true)
    URL management;

    @Test
    void healthAndMetricsAreOnTheManagementInterfaceOnly() {
        given().get(management + "health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get(management + "metrics").then().statusCode(200);
        // the public port is the internet's: it shows neither
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
    }
}
