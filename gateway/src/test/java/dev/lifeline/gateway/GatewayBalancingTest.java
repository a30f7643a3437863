package dev.lifeline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Several instances of a service behind the gateway: shared in turn, skipped while not ready, dead ones routed around. */
@QuarkusTest
@WithTestResource(TwoAuthInstances.class)
class GatewayBalancingTest {

    @TestHTTPResource("/")
    URI gateway;

    @AfterEach
    void bothInstancesUpAndReady() {
        for (String instance : new String[] {"auth-1", "auth-2"}) {
            if (!TwoAuthInstances.SERVERS.containsKey(instance)) {
                TwoAuthInstances.start(instance, TwoAuthInstances.PORTS.get(instance));
            }
            TwoAuthInstances.READY.put(instance, true);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> answeredBy(10).size() == 2);
    }

    @Test
    void requestsAreSharedByTheInstancesInTurn() {
        Set<String> seen = answeredBy(4);
        assertEquals(Set.of("auth-1", "auth-2"), seen);
    }

    @Test
    void anInstanceThatIsNotReadyGetsNothingUntilItIsReadyAgain() {
        TwoAuthInstances.READY.put("auth-2", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> answeredBy(6).equals(Set.of("auth-1")));
        int before = TwoAuthInstances.RECEIVED.get("auth-2").get();
        answeredBy(10);
        assertEquals(before, TwoAuthInstances.RECEIVED.get("auth-2").get(), "a request reached the instance that is not ready");

        TwoAuthInstances.READY.put("auth-2", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> answeredBy(6).contains("auth-2"));
    }

    @Test
    void whenAnInstanceIsGoneEveryRequestStillSucceedsOnTheOther() throws Exception {
        TwoAuthInstances.stop("auth-1");
        for (int i = 0; i < 10; i++) {
            given().get("/api/me").then().statusCode(200).body("instance", equalTo("auth-2"));
            given().contentType("application/json").body("{}").post("/api/login").then().statusCode(200)
                    .body("instance", equalTo("auth-2"));
        }
    }

    @Test
    void aReadThatAnInstanceDropsIsAskedOfTheOtherButAWriteIsNeverSentTwice() {
        // both instances drop it: the read is tried on each, once, then the client hears 502
        int[] before = received();
        given().get("/api/me/drop").then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("bad_gateway"));
        int[] after = received();
        assertEquals(2, (after[0] - before[0]) + (after[1] - before[1]), "the dropped read reached each instance once");

        before = received();
        given().contentType("application/json").body("{}").post("/api/login/drop").then().statusCode(502)
                .contentType("application/problem+json");
        after = received();
        assertEquals(1, (after[0] - before[0]) + (after[1] - before[1]), "a write was sent again after an instance dropped it");
    }

    @Test
    void aClientThatAsksForHttp2HearsTheSame502AtOnce() throws Exception {
        // Java's HttpClient asks to upgrade a plain connection to HTTP/2 (h2c); the gateway answers in HTTP/1.1
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(gateway.resolve("/api/login/drop"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(502, answer.statusCode(), "the dropped write is answered, not left to the client's timeout");
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals(HttpClient.Version.HTTP_1_1, answer.version());
    }

    private static int[] received() {
        return new int[] {TwoAuthInstances.RECEIVED.get("auth-1").get(), TwoAuthInstances.RECEIVED.get("auth-2").get()};
    }

    private static Set<String> answeredBy(int requests) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            seen.add(given().get("/api/me").then().statusCode(200).extract().path("instance"));
        }
        return seen;
    }
}
