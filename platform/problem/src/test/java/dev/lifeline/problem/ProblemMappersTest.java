package dev.lifeline.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ProblemMappersTest {

    @Test
    void aRefusalCarriesItsCodeMembersAndHeaders() {
        given().get("/api/probe/locked").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "30")
                .body("code", equalTo("account_locked"))
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"))
                .body("detail", equalTo("Try again later."))
                .body("type", equalTo("urn:lifeline:problem:account_locked"))
                .body("attemptsLeft", equalTo(0));
    }

    @Test
    void aDomainRefusalIsAnsweredWithTheStatusOfItsKind() {
        given().get("/api/probe/code-used").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "60")
                .body("code", equalTo("too_many_attempts"))
                .body("title", equalTo("Too Many Requests"))
                .body("detail", equalTo("Too many wrong codes."))
                .body("type", equalTo("urn:lifeline:problem:too_many_attempts"))
                .body("attemptsLeft", equalTo(0));
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/probe").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed_json"));
        given().contentType(ContentType.JSON).body("{\"name\": \"ok\", \"count\": \"many\"}").post("/api/probe").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed_json"));
    }

    @Test
    void invalidFieldsAreNamed() {
        given().contentType(ContentType.JSON).body("{\"name\": \"far too long a name\"}").post("/api/probe").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("violations.field", hasItem("name"));
        given().contentType(ContentType.JSON).body("{}").post("/api/probe").then()
                .statusCode(400).body("code", equalTo("validation_failed"));
    }

    @Test
    void frameworkRefusalsAreProblemsToo() {
        given().get("/api/nothing-here").then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        given().delete("/api/probe").then()
                .statusCode(405).contentType("application/problem+json").body("code", equalTo("method_not_allowed"));
        given().contentType(ContentType.TEXT).body("hello").post("/api/probe").then()
                .statusCode(415).contentType("application/problem+json").body("code", equalTo("unsupported_media_type"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gone", "recovering"})
    void aDatabaseOutOfReachIsA503TheClientMayRetryNotABug(String state) {
        given().get("/api/probe/database-" + state).then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("code", equalTo("database_unavailable"))
                .body("detail", not(containsString("5432")));
    }

    @Test
    void aBugIsA500WithAnIdAndNoInternals() {
        given().get("/api/probe/bug").then()
                .statusCode(500).contentType("application/problem+json")
                .body("code", equalTo("internal_error"))
                .body("errorId", notNullValue())
                .body(not(containsString("secret internal detail")));
    }
}
