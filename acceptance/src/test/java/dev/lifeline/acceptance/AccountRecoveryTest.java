package dev.lifeline.acceptance;

import dev.lifeline.devstack.sms.SimulatorClient;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lost everything: phone and backup codes. A recovery ticket through the gateway, two agents of
 * the local stack approve it, the owner is told by email and can cancel during the hold; after it
 * two-factor is off, every session ended, and the owner sets two-factor up again.
 */
class AccountRecoveryTest {

    private static final Pattern CANCEL_TOKEN = Pattern.compile("cancel=([A-Z0-9-]+)");

    private final RunningSystem system = RunningSystem.get();

    @Test
    void fromTicketToTwoApprovalsToHoldToReEnrollment() {
        Person ana = new Person(system);
        String oldSession = ana.registerWithSmsTwoFactor();
        String contact = "ana-new-" + ana.username + "@example.org";

        ExtractableResponse<Response> opened = ana.api()
                .body(Map.of("username", ana.username, "contactEmail", contact, "details", "Phone stolen, backup codes were on it."))
                .post("/api/recovery-tickets").then().statusCode(202).body("status", equalTo("OPEN")).extract();
        String ticket = opened.path("ticketId");
        String tracking = opened.path("trackingCode");

        system.approveByTwoAgents(ticket);
        List<SimulatorClient.Mail> toOwner = system.awaitMail(ana.email, "Someone asked to recover your Lifeline account");
        assertTrue(toOwner.get(toOwner.size() - 1).text().contains("/recover?ticket=" + ticket + "&cancel="));
        // the contact address hears that the request arrived, and nothing about the account
        String toContact = system.awaitMail(contact, "We received your Lifeline recovery request").get(0).text();
        assertTrue(!toContact.contains("cancel=") && !toContact.contains(ana.email));

        awaitTicket(ana, ticket, tracking, "COMPLETED");
        system.awaitMail(ana.email, "Your account was recovered");
        ana.api(oldSession).get("/api/me/sessions").then().statusCode(401);

        // the old password may be whoever-asked's too: it stops; a one-time link to the account's address sets a new one
        ana.login().then().statusCode(403).body("code", equalTo("password_reset_required"));
        ana.setNewPasswordFromTheEmail();
        String limited = ana.login().then().statusCode(200).body("status", equalTo("ENROLLMENT_REQUIRED"))
                .extract().path("tokens.accessToken");
        ana.api(limited).get("/api/me/backup-codes").then().statusCode(403);
        ana.api(limited).body(Map.of("phone", ana.phone)).post("/api/me/2fa/sms").then().statusCode(202);
        List<String> newCodes = ana.api(limited).body(Map.of("code", ana.awaitCode(2))).post("/api/me/2fa/sms/confirm").then()
                .statusCode(200).body("backupCodes", hasSize(10)).extract().jsonPath().getList("backupCodes", String.class);
        assertTrue(newCodes.stream().noneMatch(ana.backupCodes::contains), "a new set of backup codes");

        String challenge = ana.login().then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED"))
                .extract().path("challenge.id");
        ana.api().body(Map.of("method", "backup_code", "code", newCodes.get(0)))
                .post("/api/login/challenges/" + challenge + "/verify").then().statusCode(200).body("status", equalTo("AUTHENTICATED"));
    }

    @Test
    void theRealOwnersCancelDuringTheHoldWinsAndTheAccountKeepsItsTwoFactor() {
        Person bo = new Person(system);
        bo.registerWithSmsTwoFactor();
        ExtractableResponse<Response> opened = bo.api()
                .body(Map.of("username", bo.username, "contactEmail", "impostor@example.org", "details", "It's me, honest."))
                .post("/api/recovery-tickets").then().statusCode(202).extract();
        String ticket = opened.path("ticketId");

        system.approveByTwoAgents(ticket);
        List<SimulatorClient.Mail> mails = system.awaitMail(bo.email, "Someone asked to recover your Lifeline account");
        Matcher token = CANCEL_TOKEN.matcher(mails.get(mails.size() - 1).text());
        assertTrue(token.find());
        bo.api().body(Map.of("cancelToken", token.group(1))).post("/api/recovery-tickets/" + ticket + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED"));

        sleepMillis(4_500); // past the hold
        awaitTicket(bo, ticket, opened.path("trackingCode"), "CANCELLED");
        bo.login().then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED"));
        String agent = system.staffToken("agent1");
        bo.api(agent).get("/api/agent/tickets/" + ticket).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("audit.action", hasItem("cancelled"));
    }

    private static void awaitTicket(Person person, String ticket, String tracking, String status) {
        await("ticket " + ticket + " " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> person.api().queryParam("trackingCode", tracking).get("/api/recovery-tickets/" + ticket).then()
                        .statusCode(200).extract().<String>path("status"), status::equals);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
