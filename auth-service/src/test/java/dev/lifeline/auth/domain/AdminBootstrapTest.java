package dev.lifeline.auth.domain;

import dev.lifeline.devstack.LifelineTestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first admin of an installation: one printed token makes one admin, once, and no token makes
 * another while an admin exists. The installation without an admin is made here by taking the
 * seeded admins' role away for the test, and given back after.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class AdminBootstrapTest {

    @Inject
    AdminBootstrap bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void oneTokenMakesOneFirstAdminAndNothingElseDoes() throws Exception {
        execute("DELETE FROM admin_bootstrap");
        execute("UPDATE account SET roles = array_replace(roles, 'admin', 'admin-held-by-test') WHERE 'admin' = ANY (roles)");
        try {
            Optional<String> token = bootstrap.issueToken();
            assertTrue(token.isPresent());
            assertEquals(Optional.empty(), bootstrap.issueToken(), "one token at a time: a second start prints none");

            firstAdmin("not-the-token", "boss" + suffix()).then().statusCode(403).body("code", equalTo("bootstrap_refused"));
            String name = "boss" + suffix();
            firstAdmin(token.get(), name).then().statusCode(201).body("roles", equalTo(java.util.List.of("admin")))
                    .body("passwordSet", equalTo(false));
            firstAdmin(token.get(), "boss" + suffix()).then().statusCode(403).body("code", equalTo("bootstrap_refused"));

            // an admin exists now: a freshly issued token makes nobody
            execute("DELETE FROM admin_bootstrap");
            Optional<String> late = bootstrap.issueToken();
            firstAdmin(late.orElseThrow(), "boss" + suffix()).then().statusCode(403).body("code", equalTo("bootstrap_refused"));
        } finally {
            execute("UPDATE account SET roles = array_replace(roles, 'admin-held-by-test', 'admin')");
            execute("DELETE FROM admin_bootstrap");
        }
    }

    private static io.restassured.response.Response firstAdmin(String token, String username) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "username", username, "email", username + "@example.org"))
                .post("/api/admin/bootstrap");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
