package dev.lifeline.acceptance;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recovery desk, played by a stranger who knows someone's username, through the gateway with
 * real email: they can neither stop the owner's recovery nor lock the owner out of asking, learn
 * nothing about the account, and the owner hears at once, with a way to stop it.
 */
class RecoveryDeskTest {

    private static final Pattern CANCEL_LINK = Pattern.compile("/recover\\?ticket=([0-9a-f-]+)&cancel=([A-Z0-9-]+)");

    private final RunningSystem system = RunningSystem.get();

    @Test
    void aStrangerCanNeitherStopNorBlockTheOwnersRecoveryAndTheOwnerHearsAtOnce() {
        Person owner = new Person(system);
        owner.registerWithSmsTwoFactor();
        Person stranger = new Person(system);
        String strangerMail = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

        ExtractableResponse<Response> first = open(stranger, owner.username, strangerMail).then().statusCode(202)
                .body("status", equalTo("OPEN")).extract();
        String ticket = first.path("ticketId");
        // the owner's own address hears within seconds, with a link that stops it
        String told = system.awaitMail(owner.email, "A recovery of your Lifeline account was requested").get(0).text();
        Matcher link = CANCEL_LINK.matcher(told);
        assertTrue(link.find(), told);
        assertEquals(ticket, link.group(1));
        // the stranger's address hears only that a request arrived
        String toStranger = system.awaitMail(strangerMail, "We received your Lifeline recovery request").get(0).text();
        assertTrue(!toStranger.contains(owner.email) && !CANCEL_LINK.matcher(toStranger).find());

        // ten more requests by strangers never stop the owner's own, which joins the same ticket
        for (int i = 0; i < 10; i++) {
            open(stranger, owner.username, "stranger" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org")
                    .then().statusCode(202).body("status", equalTo("OPEN"));
        }
        ExtractableResponse<Response> own = open(owner, owner.username, "owner-now-" + owner.username + "@example.org")
                .then().statusCode(202).body("status", equalTo("OPEN")).extract();
        assertEquals(ticket, own.path("ticketId"));

        // the stranger's tracking code withdraws the stranger's request, not the ticket
        stranger.api().body(Map.of("trackingCode", first.path("trackingCode"))).post("/api/recovery-tickets/" + ticket + "/cancel")
                .then().statusCode(200).body("request", equalTo("WITHDRAWN")).body("status", equalTo("OPEN"));
        owner.api().queryParam("trackingCode", (Object) own.path("trackingCode")).get("/api/recovery-tickets/" + ticket).then()
                .statusCode(200).body("status", equalTo("OPEN")).body("request", equalTo("ACTIVE"));

        // the owner's link stops it; nothing on the account changed
        owner.api().body(Map.of("cancelToken", link.group(2))).post("/api/recovery-tickets/" + ticket + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED"));
        owner.login().then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED"));
    }

    @Test
    void theOwnerStillSignedInSeesTheRecoveryAndStopsIt() {
        Person owner = new Person(system);
        String session = owner.registerWithSmsTwoFactor();
        Person stranger = new Person(system);
        String ticket = open(stranger, owner.username, "someone-" + owner.username + "@example.org").then().statusCode(202)
                .extract().path("ticketId");

        owner.api(session).get("/api/me/recovery-tickets").then().statusCode(200)
                .body("id", equalTo(List.of(ticket))).body("status", equalTo(List.of("OPEN")));
        // another person's session sees nothing of it and cannot stop it
        stranger.register().then().statusCode(201);
        String strangers = stranger.login().then().statusCode(200).extract().path("tokens.accessToken");
        stranger.api(strangers).get("/api/me/recovery-tickets").then().statusCode(200).body("$", hasSize(0));
        stranger.api(strangers).post("/api/me/recovery-tickets/" + ticket + "/cancel").then().statusCode(404);

        owner.api(session).post("/api/me/recovery-tickets/" + ticket + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        owner.api(session).get("/api/me/recovery-tickets").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void bothApproversRecordEveryCheckThemselves() {
        Person owner = new Person(system);
        owner.registerWithSmsTwoFactor();
        String ticket = open(owner, owner.username, "owner-" + owner.username + "@example.org").then().statusCode(202)
                .extract().path("ticketId");
        system.approveByTwoAgents(ticket);
        owner.api(system.staffToken("agent1")).get("/api/agent/tickets/" + ticket).then().statusCode(200)
                .body("status", equalTo("ON_HOLD"))
                .body("checks", hasSize(RunningSystem.CHECKS.size())).body("checks.by", everyItem(equalTo("agent1")))
                .body("otherAgentsChecks", hasSize(RunningSystem.CHECKS.size())).body("otherAgentsChecks.by", everyItem(equalTo("agent2")))
                .body("audit.findAll { it.action == 'check passed' }.actor", hasItem("agent2"));
    }

    private static Response open(Person requester, String username, String contactEmail) {
        return requester.api().body(Map.of("username", username, "contactEmail", contactEmail, "details", "I cannot sign in."))
                .post("/api/recovery-tickets");
    }
}
