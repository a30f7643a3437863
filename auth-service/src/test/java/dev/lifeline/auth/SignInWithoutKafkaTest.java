package dev.lifeline.auth;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.LoginSucceeded;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.LocalInfrastructure;
import dev.lifeline.devstack.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka gone entirely does not take sign-in down: the service stays ready, people sign in with their
 * passwords, and what they did reaches Kafka from the outbox once it is back.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class SignInWithoutKafkaTest {

    private static final String PASSWORD = "tin lantern under the old bridge";

    @Test
    void peopleSignInWhileKafkaIsAwayAndTheEventsFollowWhenItReturns() {
        String username = "nokafka" + UUID.randomUUID().toString().substring(0, 8);
        String accountId = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201).extract().path("id");
        LocalInfrastructure infra = LifelineTestStack.infrastructure();
        infra.kafka().stop();
        try {
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD)).post("/api/login")
                    .then().statusCode(200).body("status", equalTo("AUTHENTICATED"));
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            infra.kafka().restart();
        }
        List<EventEnvelope> events = TopicReader.events(infra.kafka(), Topic.ACCOUNT_SECURITY_EVENTS, List.of(accountId), 2,
                Duration.ofSeconds(60));
        assertTrue(events.stream().anyMatch(e -> e.payload() instanceof LoginSucceeded), events.toString());
    }
}
