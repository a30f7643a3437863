package dev.lifeline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@TestProfile(GatewayRateLimitTest.TightLimit.class)
@WithTestResource(FakeServices.class)
class GatewayRateLimitTest {

    /** The management interface's root, {@code /q/}. */
    @TestHTTPResource(value = "", management = true)
    URL management;

    public static class TightLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.gateway.rate-limit.burst", "5", "lifeline.gateway.rate-limit.per-second", "1");
        }
    }

    @Test
    void aClientOverItsBudgetGets429WithRetryAfterWhileHealthStaysReachable() {
        for (int i = 0; i < 5; i++) {
            given().get("/api/me").then().statusCode(200);
        }
        // the bucket refills one a second: on a slow machine the burst may take longer than that, so
        // the client keeps asking until refused (a refill cannot keep up with a tight loop for long)
        io.restassured.response.Response answer = given().get("/api/me");
        for (int more = 0; more < 20 && answer.statusCode() == 200; more++) {
            answer = given().get("/api/me");
        }
        answer.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("rate_limited"));
        given().get(management + "health/live").then().statusCode(200);
    }
}
