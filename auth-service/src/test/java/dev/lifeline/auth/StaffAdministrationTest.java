package dev.lifeline.auth;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.Oathtool;
import dev.lifeline.devstack.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admins make, reset and disable staff accounts, and nobody else can: the new agent sets a password
 * from an emailed link, gets no staff role until it adds an app, and loses everything on a reset or a
 * disable; every act is in the audit.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class StaffAdministrationTest {

    private static final Pattern SET_PASSWORD_TOKEN = Pattern.compile("/reset-password#([A-Za-z0-9_-]+)");
    private static final String NEW_PASSWORD = "heron walks the quiet tideline";

    @Inject
    AccessTokens accessTokens;

    @BeforeEach
    void needsOathtool() {
        Assumptions.assumeTrue(Oathtool.available(), "oathtool is not installed (.ci/run installs it)");
    }

    @Test
    void anAdminMakesAnAgentWhoSetsAPasswordAndIsThenResetAndDisabled() throws Exception {
        String admin = admin();
        String name = "agent" + UUID.randomUUID().toString().substring(0, 8);

        UUID id = UUID.fromString(create(admin, name, "agent").then().statusCode(201)
                .body("roles", equalTo(List.of("agent"))).body("passwordSet", equalTo(false)).body("secondFactor", equalTo(false))
                .extract().path("id"));
        create(admin, name, "agent").then().statusCode(409).body("code", equalTo("username_taken"));
        create(admin, "x" + name, "root").then().statusCode(400).body("code", equalTo("unknown_role"));

        // the new agent's password is one nobody knows, until they set theirs from the emailed link
        StaffSignIn.login(name, NEW_PASSWORD).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("token", newestLink(id, 1), "newPassword", NEW_PASSWORD))
                .post("/api/password-resets").then().statusCode(204);
        String refresh = StaffSignIn.login(name, NEW_PASSWORD).then().statusCode(200).body("status", equalTo("AUTHENTICATED"))
                .body("notices.type", hasItem("staff_second_factor_required")).extract().path("tokens.refreshToken");
        given().auth().oauth2(admin).get("/api/admin/staff").then().statusCode(200)
                .body("find { it.username == '" + name + "' }.passwordSet", equalTo(true));

        // a reset ends its sessions and its password; the link emailed now sets a new one
        given().auth().oauth2(admin).post("/api/admin/staff/" + id + "/reset").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refresh)).post("/api/token/refresh").then().statusCode(401);
        StaffSignIn.login(name, NEW_PASSWORD).then().statusCode(403).body("code", equalTo("password_reset_required"));
        given().contentType(ContentType.JSON).body(Map.of("token", newestLink(id, 2), "newPassword", NEW_PASSWORD + " again"))
                .post("/api/password-resets").then().statusCode(204);

        // disabled: the right password answers as a wrong one would
        given().auth().oauth2(admin).delete("/api/admin/staff/" + id).then().statusCode(204);
        StaffSignIn.login(name, NEW_PASSWORD + " again").then().statusCode(401).body("code", equalTo("invalid_credentials"));
        given().auth().oauth2(admin).get("/api/admin/staff").then().statusCode(200)
                .body("find { it.username == '" + name + "' }.disabledAt", org.hamcrest.Matchers.notNullValue());

        given().auth().oauth2(admin).get("/api/admin/audit").then().statusCode(200)
                .body("findAll { it.target == '" + name + "' }.action", hasItems("staff_created", "staff_factors_reset", "staff_disabled"))
                .body("findAll { it.target == '" + name + "' }.actor", org.hamcrest.Matchers.everyItem(equalTo("admin1")));
    }

    @Test
    void onlyAnAdminWithARecentSignInAdministersStaff() throws Exception {
        String agent = StaffSignIn.accessToken("agent1");
        create(agent, "byagent" + UUID.randomUUID().toString().substring(0, 6), "agent").then().statusCode(403);
        given().auth().oauth2(agent).get("/api/admin/staff").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("username", "anon-made", "email", "a@example.org", "role", "admin"))
                .post("/api/admin/staff").then().statusCode(401);

        String admin = admin();
        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build().processToClaims(admin);
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername("admin1").orElseThrow());
        String stale = accessTokens.issue(account, UUID.fromString(claims.getStringClaimValue("sid")),
                Instant.now().minus(Duration.ofMinutes(10)), account.roleSet());
        create(stale, "stale" + UUID.randomUUID().toString().substring(0, 6), "agent").then().statusCode(403)
                .body("code", equalTo("reauthentication_required"));

        given().auth().oauth2(admin).delete("/api/admin/staff/" + account.id).then().statusCode(409).body("code", equalTo("own_account"));
        UUID someone = UUID.fromString(given().contentType(ContentType.JSON)
                .body(Map.of("username", "plain" + UUID.randomUUID().toString().substring(0, 6), "email", "p@example.org",
                        "password", NEW_PASSWORD)).post("/api/accounts").then().statusCode(201).extract().path("id"));
        given().auth().oauth2(admin).delete("/api/admin/staff/" + someone).then().statusCode(404).body("code", equalTo("staff_not_found"));
        given().contentType(ContentType.JSON).body(Map.of("token", "guess", "username", "boss", "email", "b@example.org"))
                .post("/api/admin/bootstrap").then().statusCode(403).body("code", equalTo("bootstrap_refused"));
    }

    private static String adminToken;

    /** One sign-in of the seeded admin for the class: each takes a fresh app code. */
    private static synchronized String admin() throws Exception {
        if (adminToken == null) {
            adminToken = StaffSignIn.accessToken("admin1");
        }
        return adminToken;
    }

    private static io.restassured.response.Response create(String token, String username, String role) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@lifeline.example", "role", role)).post("/api/admin/staff");
    }

    /** The set-password token of the {@code count}-th email to the account. */
    private static String newestLink(UUID account, int count) {
        List<EventEnvelope> mails = TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.NOTIFY_EMAIL,
                List.of(account.toString()), count, Duration.ofSeconds(20));
        EmailRequested newest = (EmailRequested) mails.get(mails.size() - 1).payload();
        Matcher link = SET_PASSWORD_TOKEN.matcher(newest.text());
        assertTrue(link.find(), newest.text());
        return link.group(1);
    }
}
