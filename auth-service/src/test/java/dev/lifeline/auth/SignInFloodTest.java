package dev.lifeline.auth;

import dev.lifeline.devstack.LifelineTestStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attacker floods unauthenticated sign-ins (each one an Argon2id run of 19 MiB) to exhaust the
 * service's memory and everyone's patience. The hashing stage runs as many as it has workers, queues
 * a few, and answers the rest at once: 503 {@code overloaded} with Retry-After, never a slow pile-up
 * and never another error; the moment the flood ends, a sign-in works.
 */
@QuarkusTest
@TestProfile(SignInFloodTest.NarrowStage.class)
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class SignInFloodTest {

    public static class NarrowStage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.hashing.workers", "1", "lifeline.hashing.queue", "1");
        }
    }

    private static final String PASSWORD = "brass lantern on the far quay";

    @Test
    void aFloodOfSignInsIsAnsweredBusyAtOnceAndTheServiceRecoversWhenItEnds() throws Exception {
        String username = "flood" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201);

        ExecutorService attackers = Executors.newFixedThreadPool(24);
        List<Callable<Response>> flood = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String someone = i % 2 == 0 ? username : "nobody" + i;
            flood.add(() -> given().contentType(ContentType.JSON).body(Map.of("username", someone, "password", "guess " + someone))
                    .post("/api/login"));
        }
        List<Response> answers = new ArrayList<>();
        try {
            for (Future<Response> answer : attackers.invokeAll(flood)) {
                answers.add(answer.get());
            }
        } finally {
            attackers.shutdown();
        }

        List<Response> busy = answers.stream().filter(a -> a.statusCode() == 503).toList();
        assertTrue(busy.size() > 0, "a stage of one worker and one place in the queue cannot take 24 at once");
        for (Response answer : answers) {
            assertTrue(answer.statusCode() == 401 || answer.statusCode() == 503, "only wrong-password or busy: " + answer.asString());
        }
        Response one = busy.get(0);
        assertEquals("overloaded", one.jsonPath().getString("code"));
        assertEquals("1", one.header("Retry-After"));
        assertTrue(one.contentType().startsWith("application/problem+json"), one.contentType());

        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD)).post("/api/login")
                .then().statusCode(200).body("status", equalTo("AUTHENTICATED"));
    }
}
