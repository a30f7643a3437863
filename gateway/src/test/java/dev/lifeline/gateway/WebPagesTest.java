package dev.lifeline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The reference pages at the contract's paths, each with headers that keep it and its links to itself. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class WebPagesTest {

    @ParameterizedTest
    @CsvSource({
            "/, Sign in",
            "/account, Security settings",
            "/recover, I can't sign in",
            "/reset-password, Set a new password",
            "/agent, Agent console",
            "/ops, Ops dashboard",
    })
    void eachPageIsServedAtItsPath(String path, String title) {
        given().get(path).then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<title>" + title))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Strict-Transport-Security", containsString("max-age=31536000"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lifeline.js", "sign-in.js", "account.js", "recover.js", "reset-password.js", "agent.js", "ops.js", "lifeline.css"})
    void everyAssetIsThere(String asset) {
        given().get("/assets/" + asset).then().statusCode(200).header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
