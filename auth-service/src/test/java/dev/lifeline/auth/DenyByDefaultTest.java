package dev.lifeline.auth;

import dev.lifeline.devstack.LifelineTestStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** An endpoint whose author forgot to say who may call it is closed, not open. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class DenyByDefaultTest {

    /** What a hurried change might add: no security annotation at all. */
    @Path("/api/forgotten")
    public static class ForgottenResource {
        @GET
        public String secrets() {
            return "everyone's secrets";
        }
    }

    @Test
    void anUnannotatedEndpointIsNotReachableAnonymously() {
        given().get("/api/forgotten").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
    }

    /** auth-service's REST clients name other services' internal paths; here nothing answers at them. */
    @Test
    void theOutboundClientsAreNotServedHere() {
        given().contentType("application/json").body("{}").post("/internal/backup-codes/sets").then().statusCode(404);
        given().contentType("application/json").body("{}").post("/internal/backup-codes/verifications").then().statusCode(404);
        given().contentType("application/json").body("{}").post("/internal/otp/verifications").then().statusCode(404);
        given().get("/internal/recovery-tickets/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theSignInEndpointsAreOpenOnPurpose() {
        given().get("/api/.well-known/jwks.json").then().statusCode(200);
        given().contentType("application/json").body("{}").post("/api/login").then().statusCode(400);
    }
}
