package dev.lifeline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A forwarded header from a peer that is not a trusted proxy is a client's claim: the peer is the client. */
@QuarkusTest
@TestProfile(UntrustedProxyTest.BehindAnotherProxy.class)
@WithTestResource(FakeServices.class)
class UntrustedProxyTest {

    public static class BehindAnotherProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.trusted-proxies", "10.0.0.0/8");
        }
    }

    @Test
    void theHeaderIsAClaimAndThePeerIsTheClient() {
        given().header("X-Forwarded-For", "203.0.113.9").get("/api/me").then().body("forwardedFor", equalTo("127.0.0.1"));
    }
}
