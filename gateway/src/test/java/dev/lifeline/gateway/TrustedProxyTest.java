package dev.lifeline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Behind a load balancer the gateway believes X-Forwarded-For from the configured trusted proxies:
 * from one, the services and every per-address limit see the real client (the other side, a header
 * from anyone else, is {@link UntrustedProxyTest}).
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindLoopbackProxy.class)
@WithTestResource(FakeServices.class)
class TrustedProxyTest {

    public static class BehindLoopbackProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Test
    void theServicesSeeTheClientTheProxyNamed() {
        given().header("X-Forwarded-For", "203.0.113.9").get("/api/me").then().body("forwardedFor", equalTo("203.0.113.9"));
    }
}
