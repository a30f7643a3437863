package dev.lifeline.tickets;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.AccountRecovered;
import dev.lifeline.contracts.events.AccountRegistered;
import dev.lifeline.contracts.events.EmailAddressChanged;
import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.contracts.events.LoginFailed;
import dev.lifeline.contracts.events.LoginSucceeded;
import dev.lifeline.contracts.events.RecoveryTicketChanged;
import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.contracts.events.TwoFactorEnabled;
import dev.lifeline.devstack.KafkaBroker;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicReader;
import dev.lifeline.devstack.testing.TopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery tickets on real Kafka and PostgreSQL: auth-service's events are played onto
 * account.security-events, and what ticket-service publishes is read back from its topics.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class RecoveryTicketsTest {

    private static final List<String> CHECKS = List.of("account-email-reached", "history-matches", "no-takeover-signs");
    private static final Pattern CANCEL_TOKEN = Pattern.compile("\"cancelToken\": \"([A-Z0-9-]+)\"");
    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);

    private record Account(UUID id, String username, String email) {
    }

    private record Opened(String ticketId, String trackingCode) {
    }

    @Test
    void anUnknownUsernameGetsTheSameAnswerAndAgentsSeeThatNoAccountHasIt() {
        Account known = registeredAccount();
        ExtractableResponse<Response> forKnown = open(known.username(), newContact()).then().statusCode(202).extract();
        ExtractableResponse<Response> forUnknown = open("nobody" + UUID.randomUUID().toString().substring(0, 8), newContact())
                .then().statusCode(202).extract();
        assertEquals(forKnown.jsonPath().getMap("").keySet(), forUnknown.jsonPath().getMap("").keySet());
        assertEquals("OPEN", forUnknown.path("status"));
        // a recovery already under way (here on hold) changes nothing in the answer a stranger gets
        approveTwice(forKnown.path("ticketId"));
        ExtractableResponse<Response> whileOnHold = open(known.username(), newContact()).then().statusCode(202).extract();
        assertEquals(forKnown.jsonPath().getMap("").keySet(), whileOnHold.jsonPath().getMap("").keySet());
        assertEquals("OPEN", whileOnHold.path("status"));

        String unknownTicket = forUnknown.path("ticketId");
        agent("agent1").get("/api/agent/tickets/" + unknownTicket).then().statusCode(200)
                .body("evidence.accountExists", equalTo(false)).body("priority", equalTo(3));
        agent("agent1").post("/api/agent/tickets/" + unknownTicket + "/claim").then().statusCode(200);
        passAllChecks(unknownTicket, "agent1");
        agent("agent1").body(Map.of()).post("/api/agent/tickets/" + unknownTicket + "/approve").then()
                .statusCode(409).body("code", equalTo("no_account"));
    }

    @Test
    void theRequesterFollowsTheTicketWithTheTrackingCodeAndNothingElse() {
        Opened opened = opened(registeredAccount().username());
        given().queryParam("trackingCode", opened.trackingCode()).get("/api/recovery-tickets/" + opened.ticketId()).then()
                .statusCode(200).body("status", equalTo("OPEN")).body("dueBy", notNullValue()).body("updatedAt", notNullValue());
        given().queryParam("trackingCode", "AAAAA-AAAAA-AAAAA-AAAAA").get("/api/recovery-tickets/" + opened.ticketId()).then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("ticket_not_found"));
    }

    @Test
    void anAddressItsOwnerNeverVerifiedGetsNoRecoveryEmailAndNoCancelLink() {
        Account account = registeredAccount(false);
        String contact = newContact();
        Opened opened = opened(account.username(), contact);
        // only the requester's neutral receipt: nothing to an address nobody proved is the owner's
        assertEquals(List.of(List.of(contact)), emailsAbout(opened.ticketId(), 1).stream().map(EmailRequested::to).toList());
        agent("agent1").get("/api/agent/tickets/" + opened.ticketId()).then()
                .body("evidence.accountEmailVerified", equalTo(false)).body("audit.action", hasItem("owner not emailed"));
    }

    @Test
    void anOwnerWhoseAddressIsVerifiedAfterTheTicketOpenedIsToldThenAndOnce() {
        // the verification reached this service late (Kafka was away when the owner confirmed the address)
        Account account = registeredAccount(false);
        String contact = newContact();
        Opened opened = opened(account.username(), contact);
        assertEquals(List.of(List.of(contact)), emailsAbout(opened.ticketId(), 1).stream().map(EmailRequested::to).toList());

        EmailAddressChanged verified = new EmailAddressChanged(account.id(), account.email(), true);
        TopicWriter.publish(broker(), Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(account.id().toString(), verified));
        TopicWriter.publish(broker(), Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(account.id().toString(), verified));
        List<EmailRequested> emails = emailsAbout(opened.ticketId(), 2);
        assertEquals(List.of(account.email()), emails.get(1).to());
        assertEquals("A recovery of your Lifeline account was requested", emails.get(1).subject());
    }

    @Test
    void aRequesterWhoTypesBackTheAgentsEmailCodePassesThatAgentsEmailCheck() {
        Account account = registeredAccount();
        Opened owner = opened(account.username());
        Opened stranger = opened(account.username());
        String ticket = owner.ticketId();
        given().contentType("application/json").body(Map.of("trackingCode", owner.trackingCode(), "code", "123456"))
                .post("/api/recovery-tickets/" + ticket + "/email-code").then().statusCode(409).body("code", equalTo("no_code_pending"));
        agent("agent1").post("/api/agent/tickets/" + ticket + "/email-code").then().statusCode(409).body("code", equalTo("not_claimed"));

        agent("agent1").post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200);
        agent("agent1").post("/api/agent/tickets/" + ticket + "/email-code").then().statusCode(202)
                .body("sentTo", equalTo(account.username().charAt(0) + "•••@example.org")).body("addressVerified", equalTo(true));
        agent("agent1").post("/api/agent/tickets/" + ticket + "/email-code").then().statusCode(429);
        EmailRequested codeMail = emailsAbout(ticket, 4).get(3);
        assertEquals(List.of(account.email()), codeMail.to());
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(codeMail.text());
        assertTrue(code.find(), codeMail.text());

        // the stranger does not read the owner's mail: guesses cost tries, and pass nothing
        given().contentType("application/json").body(Map.of("trackingCode", stranger.trackingCode(), "code", "000000"))
                .post("/api/recovery-tickets/" + ticket + "/email-code").then().statusCode(400).body("attemptsLeft", equalTo(4));
        given().contentType("application/json").body(Map.of("trackingCode", "AAAAA-AAAAA-AAAAA-AAAAA", "code", code.group(1)))
                .post("/api/recovery-tickets/" + ticket + "/email-code").then().statusCode(404);
        agent("agent1").get("/api/agent/tickets/" + ticket).then()
                .body("checks.find { it.name == 'account-email-reached' }.passed", org.hamcrest.Matchers.nullValue());

        given().contentType("application/json").body(Map.of("trackingCode", owner.trackingCode(), "code", code.group(1)))
                .post("/api/recovery-tickets/" + ticket + "/email-code").then().statusCode(204);
        agent("agent1").get("/api/agent/tickets/" + ticket).then()
                .body("checks.find { it.name == 'account-email-reached' }.passed", equalTo(true))
                .body("checks.find { it.name == 'account-email-reached' }.by", equalTo("agent1"))
                .body("audit.action", hasItems("email code sent", "email code confirmed"));
        // used up
        given().contentType("application/json").body(Map.of("trackingCode", owner.trackingCode(), "code", code.group(1)))
                .post("/api/recovery-tickets/" + ticket + "/email-code").then().statusCode(409).body("code", equalTo("no_code_pending"));
    }

    @Test
    void aSecondRequestForTheSameAccountJoinsTheOpenTicket() {
        Account account = registeredAccount();
        Opened first = opened(account.username());
        Opened second = opened(account.username().toUpperCase());

        assertEquals(first.ticketId(), second.ticketId());
        assertTrue(!first.trackingCode().equals(second.trackingCode()), "each request has its own tracking code");
        agent("agent1").get("/api/agent/tickets/" + first.ticketId()).then()
                .body("requests", hasSize(2))
                .body("audit.action", hasItems("opened", "request joined"));
        assertEquals(1, agent("agent1").get("/api/agent/tickets").then().extract().jsonPath()
                .getList("findAll { it.username == '" + account.username() + "' }").size());
    }

    @Test
    void badInputIsRefusedAndNothingIsOpened() {
        String name = "bad" + UUID.randomUUID().toString().substring(0, 8);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("username", name, "contactEmail", "not-an-email", "details", "x"),
                Map.of("username", name, "contactEmail", "a@example.org"),
                Map.of("username", "x".repeat(65), "contactEmail", "a@example.org", "details", "x"),
                Map.of("username", name, "contactEmail", "a@example.org", "details", "x".repeat(2001)))) {
            given().contentType("application/json").body(bad).post("/api/recovery-tickets").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().contentType("application/json").body("{\"username\":").post("/api/recovery-tickets").then()
                .statusCode(400).body("code", equalTo("malformed_json"));
        agent("agent1").get("/api/agent/tickets").then().body("username", everyItem(org.hamcrest.Matchers.not(equalTo(name))));
    }

    @Test
    void requestsAreLimitedPerRequesterNeverPerUsername() {
        String name = "limited" + UUID.randomUUID().toString().substring(0, 8);
        // ten strangers, each from their own address: the owner's own request still goes through
        for (int i = 0; i < 10; i++) {
            openFrom("198.51.100." + ADDRESSES.getAndIncrement(), name, newContact()).then().statusCode(202);
        }
        openFrom("198.51.100." + ADDRESSES.getAndIncrement(), name, newContact()).then().statusCode(202);

        String address = "198.51.100." + ADDRESSES.getAndIncrement();
        for (int i = 0; i < 5; i++) {
            openFrom(address, "other" + UUID.randomUUID().toString().substring(0, 8), newContact()).then().statusCode(202);
        }
        openFrom(address, name, newContact()).then().statusCode(429)
                .header("Retry-After", notNullValue()).body("code", equalTo("too_many_requests"));

        String contact = newContact();
        for (int i = 0; i < 3; i++) {
            openFrom("198.51.100." + ADDRESSES.getAndIncrement(), "other" + UUID.randomUUID().toString().substring(0, 8), contact)
                    .then().statusCode(202);
        }
        openFrom("198.51.100." + ADDRESSES.getAndIncrement(), name, contact).then().statusCode(429);
    }

    @Test
    void aTrackingCodeWithdrawsOnlyItsOwnRequestNeverTheOwnersRecovery() {
        Account account = registeredAccount();
        Opened stranger = opened(account.username());
        Opened owner = opened(account.username());
        assertEquals(stranger.ticketId(), owner.ticketId());
        approveTwice(owner.ticketId());

        // during the hold, the stranger's code withdraws the stranger's request and nothing else
        given().contentType("application/json").body(Map.of("trackingCode", stranger.trackingCode()))
                .post("/api/recovery-tickets/" + stranger.ticketId() + "/cancel").then().statusCode(200)
                .body("status", equalTo("ON_HOLD")).body("request", equalTo("WITHDRAWN"));
        given().queryParam("trackingCode", owner.trackingCode()).get("/api/recovery-tickets/" + owner.ticketId()).then()
                .statusCode(200).body("status", equalTo("ON_HOLD")).body("request", equalTo("ACTIVE"));
        agent("agent1").get("/api/agent/tickets/" + owner.ticketId()).then()
                .body("requests.withdrawn", equalTo(List.of(true, false))).body("audit.action", hasItem("request withdrawn"));

        // the last request withdrawn: nobody is asking any more, so the ticket ends untouched
        given().contentType("application/json").body(Map.of("trackingCode", owner.trackingCode()))
                .post("/api/recovery-tickets/" + owner.ticketId() + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        List<RecoveryTicketStatus> statuses = statuses(owner.ticketId(), RecoveryTicketStatus.CANCELLED);
        assertTrue(!statuses.contains(RecoveryTicketStatus.APPROVED), statuses.toString());
    }

    @Test
    void theOwnerSignedInSeesTheRecoveryAndStopsItAndNobodyElseCan() {
        Account account = registeredAccount();
        Opened opened = opened(account.username());
        owner(account.id()).get("/api/me/recovery-tickets").then().statusCode(200)
                .body("id", equalTo(List.of(opened.ticketId()))).body("status", equalTo(List.of("OPEN")));
        owner(UUID.randomUUID()).get("/api/me/recovery-tickets").then().statusCode(200).body("$", empty());
        owner(UUID.randomUUID()).post("/api/me/recovery-tickets/" + opened.ticketId() + "/cancel").then()
                .statusCode(404).contentType("application/problem+json");
        given().post("/api/me/recovery-tickets/" + opened.ticketId() + "/cancel").then().statusCode(401);

        owner(account.id()).post("/api/me/recovery-tickets/" + opened.ticketId() + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        owner(account.id()).post("/api/me/recovery-tickets/" + opened.ticketId() + "/cancel").then().statusCode(409)
                .body("code", equalTo("ticket_closed"));
        agent("agent1").get("/api/agent/tickets/" + opened.ticketId()).then()
                .body("outcome", equalTo("cancelled by the owner")).body("audit.actor", hasItem("owner (signed in)"));
    }

    @Test
    void theQueueComesInPagesThatFollowEachOtherAndCanBeFilteredAndSearched() {
        String prefix = "page" + UUID.randomUUID().toString().substring(0, 6);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            opened.add(opened(prefix + i).ticketId());
        }
        List<String> seen = new ArrayList<>();
        String next = "/api/agent/tickets?q=" + prefix + "&limit=3";
        List<Integer> pageSizes = new ArrayList<>();
        while (next != null) {
            Response page = agent("agent1").get(next);
            page.then().statusCode(200);
            List<String> ids = page.jsonPath().getList("id");
            pageSizes.add(ids.size());
            seen.addAll(ids);
            String link = page.header("Link");
            next = link == null ? null : link.replaceAll("^<[a-z]+://[^/]+(.*)>; *rel=\"next\"$", "$1");
        }
        assertEquals(List.of(3, 3, 1), pageSizes);
        assertEquals(Set.copyOf(opened), Set.copyOf(seen));
        assertEquals(seen.size(), Set.copyOf(seen).size(), "no ticket twice");

        agent("agent1").get("/api/agent/tickets?q=" + opened.get(4)).then().statusCode(200).body("id", equalTo(List.of(opened.get(4))));
        agent("agent1").get("/api/agent/tickets?q=" + prefix + "&priority=1").then().statusCode(200).body("$", empty());
        agent("agent1").get("/api/agent/tickets?q=" + prefix + "&priority=3").then().statusCode(200).body("$", hasSize(7));
        agent("agent1").get("/api/agent/tickets?q=" + prefix + "&overdue=true").then().statusCode(200).body("$", empty());
        agent("agent1").get("/api/agent/tickets?after=not-a-cursor").then().statusCode(400).body("code", equalTo("invalid_cursor"));
        agent("agent1").get("/api/agent/tickets?limit=0").then().statusCode(400).body("code", equalTo("invalid_limit"));
        agent("agent1").get("/api/agent/tickets?priority=high").then().statusCode(400).body("code", equalTo("invalid_priority"));
    }

    @Test
    void agentEndpointsRefuseTokensWithoutTheAgentRole() {
        given().get("/api/agent/tickets").then().statusCode(401).contentType("application/problem+json");
        as("someone", "user").get("/api/agent/tickets").then().statusCode(403).contentType("application/problem+json");
        as("ops1", "ops").post("/api/agent/tickets/" + UUID.randomUUID() + "/claim").then().statusCode(403);
    }

    @Test
    void opsSeeHowDeepTheQueueIsAndAgentsDoNotNeedTo() {
        opened(registeredAccount().username());
        as("ops1", "ops").get("/api/ops/tickets").then().statusCode(200)
                .body("open", org.hamcrest.Matchers.greaterThanOrEqualTo(1)).body("overdue", notNullValue());
        agent("agent1").get("/api/ops/tickets").then().statusCode(403);
        given().get("/q/metrics").then().body(containsString("lifeline_recovery_tickets{state=\"overdue\"}"));
    }

    @Test
    void opsSeeTheQueueOfTheLastDayFromTheTicketsThemselves() {
        List<Integer> before = as("ops1", "ops").get("/api/ops/tickets/history?hours=24").then().statusCode(200)
                .body("intervalSeconds", equalTo(900)).body("points", org.hamcrest.Matchers.hasSize(96))
                .extract().jsonPath().getList("points.open");
        opened(registeredAccount().username());
        List<Integer> after = as("ops1", "ops").get("/api/ops/tickets/history?hours=24").then().statusCode(200)
                .extract().jsonPath().getList("points.open");
        assertEquals(before.get(before.size() - 1) + 1, after.get(after.size() - 1), "the new ticket is open at the last point");
        assertEquals(before.get(0), after.get(0), "and was not open a day ago");
        agent("agent1").get("/api/ops/tickets/history").then().statusCode(403);
        as("ops1", "ops").get("/api/ops/tickets/history?hours=169").then().statusCode(400).body("code", equalTo("invalid_hours"));
    }

    @Test
    void anAgentWhoseSignInIsOlderThanFiveMinutesMustStepUpBeforeDeciding() {
        Account account = registeredAccount();
        String ticket = opened(account.username()).ticketId();
        agent("agent1").post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200);
        passAllChecks(ticket, "agent1");
        // the same agent, but the proof is old: a session taken over, or a console left open
        RequestSpecification stale = as("agent1", "agent", Instant.now().minus(Duration.ofMinutes(6)));
        stale.body(Map.of("note", "ok")).post("/api/agent/tickets/" + ticket + "/approve").then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("reauthentication_required"));
        as("agent1", "agent", Instant.now().minus(Duration.ofMinutes(6))).body(Map.of("reason", "x"))
                .post("/api/agent/tickets/" + ticket + "/reject").then().statusCode(403).body("code", equalTo("reauthentication_required"));
        agent("agent1").get("/api/agent/tickets/" + ticket).then().body("status", equalTo("CLAIMED")).body("approvals", empty());
        agent("agent1").body(Map.of("note", "ok")).post("/api/agent/tickets/" + ticket + "/approve").then()
                .statusCode(200).body("approvals.agent", equalTo(List.of("agent1")));
    }

    @Test
    void oneAgentAtATimeAndTwoDifferentAgentsMustApprove() {
        Account account = registeredAccount();
        String ticket = opened(account.username()).ticketId();
        agent("agent1").get("/api/agent/tickets/" + ticket).then()
                .body("evidence.accountExists", equalTo(true))
                .body("evidence.smsTwoFactor", equalTo(true))
                .body("evidence.lastSignInMethod", equalTo("sms"))
                .body("evidence.recentFailedSignIns", equalTo(1))
                .body("checks.name", equalTo(CHECKS))
                .body("priority", equalTo(1));

        agent("agent1").body(Map.of()).post("/api/agent/tickets/" + ticket + "/approve").then()
                .statusCode(409).body("code", equalTo("not_claimed"));
        agent("agent1").post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200).body("claimedBy", equalTo("agent1"));
        agent("agent2").post("/api/agent/tickets/" + ticket + "/claim").then()
                .statusCode(409).body("code", equalTo("claimed_by_other")).body("claimedBy", equalTo("agent1"));
        agent("agent1").body(Map.of()).post("/api/agent/tickets/" + ticket + "/approve").then()
                .statusCode(409).body("code", equalTo("checks_incomplete")).body("missing", equalTo(CHECKS));
        passAllChecks(ticket, "agent1");
        agent("agent1").body(Map.of("note", "called the owner")).post("/api/agent/tickets/" + ticket + "/approve").then()
                .statusCode(200).body("status", equalTo("OPEN")).body("approvals.agent", equalTo(List.of("agent1")));

        // alone, agent1 cannot finish: a second approval of theirs is refused
        agent("agent1").post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200);
        agent("agent1").body(Map.of()).post("/api/agent/tickets/" + ticket + "/approve").then()
                .statusCode(409).body("code", equalTo("already_approved"));
        agent("agent1").get("/api/agent/tickets/" + ticket).then().body("status", equalTo("CLAIMED"));

        // four eyes: agent1's checks do not count for agent2, who must do every one themselves
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                dev.lifeline.tickets.persistence.Ticket.<dev.lifeline.tickets.persistence.Ticket>findById(UUID.fromString(ticket))
                        .claimExpiresAt = java.time.Instant.now().minusSeconds(1));
        agent("agent2").post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200)
                .body("checks.passed", everyItem(org.hamcrest.Matchers.nullValue()))
                .body("otherAgentsChecks.by", everyItem(equalTo("agent1")));
        agent("agent2").body(Map.of()).post("/api/agent/tickets/" + ticket + "/approve").then()
                .statusCode(409).body("code", equalTo("checks_incomplete")).body("missing", equalTo(CHECKS));
        agent("agent1").post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(409);

        // a claim lapses: an agent who walked away does not hold the ticket forever
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                dev.lifeline.tickets.persistence.Ticket.<dev.lifeline.tickets.persistence.Ticket>findById(UUID.fromString(ticket))
                        .claimExpiresAt = java.time.Instant.now().minusSeconds(1));
        agent("agent2").post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200).body("claimedBy", equalTo("agent2"));
        agent("agent1").body(Map.of("name", CHECKS.get(0), "passed", false)).post("/api/agent/tickets/" + ticket + "/checks").then()
                .statusCode(409).body("code", equalTo("not_claimed"));
    }

    @Test
    void afterTwoApprovalsAndTheHoldTheApprovalIsPublishedAndAuthsReportCompletesIt() {
        Account account = registeredAccount();
        Opened opened = opened(account.username());
        approveTwice(opened.ticketId());

        agent("agent1").get("/api/agent/tickets/" + opened.ticketId()).then()
                .body("status", equalTo("ON_HOLD")).body("holdUntil", notNullValue());
        // one email per recipient: the account's address twice (opened, hold), each with its own cancel
        // link; the requester's contact once, with nothing about the account in it
        List<EmailRequested> emails = emailsAbout(opened.ticketId(), 3);
        emails.forEach(e -> assertEquals(1, e.to().size(), e.to().toString()));
        List<EmailRequested> toOwner = emails.stream().filter(e -> e.to().equals(List.of(account.email()))).toList();
        assertEquals(List.of("A recovery of your Lifeline account was requested", "Someone asked to recover your Lifeline account"),
                toOwner.stream().map(EmailRequested::subject).toList());
        toOwner.forEach(e -> assertTrue(CANCEL_TOKEN.matcher(e.text()).find(), e.text()));
        EmailRequested toContact = emails.stream().filter(e -> !e.to().equals(List.of(account.email()))).findFirst().orElseThrow();
        assertEquals("We received your Lifeline recovery request", toContact.subject());
        assertTrue(!CANCEL_TOKEN.matcher(toContact.text()).find() && !toContact.text().contains(account.email())
                && !toContact.text().contains(account.username()), toContact.text());

        List<RecoveryTicketStatus> statuses = statuses(opened.ticketId(), RecoveryTicketStatus.APPROVED);
        assertEquals(RecoveryTicketStatus.APPROVED, statuses.get(statuses.size() - 1), statuses.toString());
        assertTrue(statuses.contains(RecoveryTicketStatus.ON_HOLD));

        // auth-service carries it out and says so
        TopicWriter.publish(broker(), Topic.ACCOUNT_SECURITY_EVENTS,
                EventEnvelope.of(account.id().toString(), new AccountRecovered(account.id(), UUID.fromString(opened.ticketId()))));
        awaitStatus(opened, "COMPLETED");
        agent("agent1").get("/api/agent/tickets/" + opened.ticketId()).then()
                .body("audit.action", hasItems("opened", "claimed", "check passed", "approved (1 of 2)",
                        "approved (2 of 2); hold started", "owner told", "hold ended", "completed"))
                .body("audit.actor", hasItems("requester", "agent1", "agent2", "ticket-service", "auth-service"));
    }

    @Test
    void theOwnersCancelDuringTheHoldWinsAndNothingIsApproved() {
        Account account = registeredAccount();
        Opened opened = opened(account.username());
        approveTwice(opened.ticketId());
        // the link from the email sent when the ticket opened still works during the hold
        Matcher token = CANCEL_TOKEN.matcher(emailsAbout(opened.ticketId(), 3).get(0).text());
        assertTrue(token.find());

        given().contentType("application/json").body(Map.of("cancelToken", "AAAAA-AAAAA-AAAAA-AAAAA"))
                .post("/api/recovery-tickets/" + opened.ticketId() + "/cancel").then().statusCode(404);
        given().contentType("application/json").body(Map.of("cancelToken", token.group(1)))
                .post("/api/recovery-tickets/" + opened.ticketId() + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));

        sleep(4_000); // past the 3 s hold
        awaitStatus(opened, "CANCELLED");
        List<RecoveryTicketStatus> statuses = statuses(opened.ticketId(), RecoveryTicketStatus.CANCELLED);
        assertTrue(!statuses.contains(RecoveryTicketStatus.APPROVED), statuses.toString());
        agent("agent1").get("/api/agent/tickets/" + opened.ticketId()).then()
                .body("outcome", containsString("owner")).body("audit.action", hasItem("cancelled"));
    }

    // --- helpers -------------------------------------------------------------------------------

    /** An account as auth-service announces it: registered, address verified, SMS on, a sign-in, a failed attempt. */
    private static Account registeredAccount() {
        return registeredAccount(true);
    }

    private static Account registeredAccount(boolean emailVerified) {
        Account account = new Account(UUID.randomUUID(), "owner" + UUID.randomUUID().toString().substring(0, 8), null);
        account = new Account(account.id(), account.username(), account.username() + "@example.org");
        String key = account.id().toString();
        TopicWriter.publish(broker(), Topic.ACCOUNT_SECURITY_EVENTS,
                EventEnvelope.of(key, new AccountRegistered(account.id(), account.username(), account.email())));
        if (emailVerified) {
            TopicWriter.publish(broker(), Topic.ACCOUNT_SECURITY_EVENTS,
                    EventEnvelope.of(key, new EmailAddressChanged(account.id(), account.email(), true)));
        }
        TopicWriter.publish(broker(), Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(key, new TwoFactorEnabled(account.id(), "sms")));
        TopicWriter.publish(broker(), Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(key, new LoginSucceeded(account.id(), "sms")));
        TopicWriter.publish(broker(), Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(key, new LoginFailed(account.id(), "wrong_sms_code")));
        awaitKnown(account);
        return account;
    }

    /** Until the view has caught up: a ticket opened for it then shows the account's evidence. */
    private static void awaitKnown(Account account) {
        await("ticket-service learning of " + account.username()).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200 ? probe(account) : null,
                        failures -> failures != null && failures == 1);
    }

    private static Integer probe(Account account) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                dev.lifeline.tickets.persistence.AccountView.<dev.lifeline.tickets.persistence.AccountView>findByIdOptional(account.id())
                        .filter(v -> v.lastLoginAt != null)
                        .map(v -> (int) dev.lifeline.tickets.persistence.AccountActivity.count("accountId = ?1 and kind = 'login_failed'", account.id()))
                        .orElse(null));
    }

    private static Response open(String username, String contactEmail) {
        return given().contentType("application/json").header("X-Forwarded-For", "203.0.113." + ADDRESSES.getAndIncrement())
                .body(Map.of("username", username, "contactEmail", contactEmail, "details", "Lost my phone and my backup codes."))
                .post("/api/recovery-tickets");
    }

    private static Response openFrom(String address, String username, String contactEmail) {
        return given().contentType("application/json").header("X-Forwarded-For", address)
                .body(Map.of("username", username, "contactEmail", contactEmail, "details", "Lost everything."))
                .post("/api/recovery-tickets");
    }

    private static Opened opened(String username) {
        return opened(username, newContact());
    }

    private static Opened opened(String username, String contactEmail) {
        ExtractableResponse<Response> answer = open(username, contactEmail).then().statusCode(202).extract();
        return new Opened(answer.path("ticketId"), answer.path("trackingCode"));
    }

    private static String newContact() {
        return "me-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static void approveTwice(String ticket) {
        for (String agent : List.of("agent1", "agent2")) {
            agent(agent).post("/api/agent/tickets/" + ticket + "/claim").then().statusCode(200);
            passAllChecks(ticket, agent);
            agent(agent).body(Map.of("note", "checked by " + agent)).post("/api/agent/tickets/" + ticket + "/approve").then().statusCode(200);
        }
    }

    private static void passAllChecks(String ticket, String agent) {
        for (String check : CHECKS) {
            agent(agent).body(Map.of("name", check, "passed", true, "note", "ok"))
                    .post("/api/agent/tickets/" + ticket + "/checks").then().statusCode(200);
        }
    }

    private static void awaitStatus(Opened opened, String status) {
        await("ticket " + opened.ticketId() + " " + status).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().queryParam("trackingCode", opened.trackingCode()).get("/api/recovery-tickets/" + opened.ticketId())
                        .then().statusCode(200).extract().<String>path("status"), status::equals);
    }

    /** The emails ticket-service asked for about a ticket, oldest first. */
    private static List<EmailRequested> emailsAbout(String ticketId, int expected) {
        List<EventEnvelope> emails = TopicReader.events(broker(), Topic.NOTIFY_EMAIL, List.of(ticketId), expected, Duration.ofSeconds(15));
        assertEquals(expected, emails.size(), emails.toString());
        return emails.stream().map(e -> (EmailRequested) e.payload()).toList();
    }

    private static List<RecoveryTicketStatus> statuses(String ticketId, RecoveryTicketStatus last) {
        return await("ticket " + ticketId + " published as " + last).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ZERO)
                .until(() -> TopicReader.events(broker(), Topic.RECOVERY_TICKETS, List.of(ticketId), 1, Duration.ofSeconds(3)).stream()
                        .map(e -> ((RecoveryTicketChanged) e.payload()).status()).toList(),
                        statuses -> !statuses.isEmpty() && statuses.get(statuses.size() - 1) == last);
    }

    /** A signed-in person: an access token of the account, role user. */
    private static RequestSpecification owner(UUID accountId) {
        String token = Jwt.issuer("https://lifeline.local/auth").audience("lifeline-api").subject(accountId.toString())
                .upn("owner").groups("user").claim("auth_time", Instant.now().getEpochSecond()).expiresIn(300).sign();
        return given().auth().oauth2(token).contentType("application/json");
    }

    private static RequestSpecification agent(String name) {
        return as(name, "agent");
    }

    private static RequestSpecification as(String name, String role) {
        return as(name, role, Instant.now());
    }

    /** {@code signedInAt}: the token's {@code auth_time}, when the agent last proved who they are. */
    private static RequestSpecification as(String name, String role, Instant signedInAt) {
        String token = Jwt.issuer("https://lifeline.local/auth").audience("lifeline-api").subject(UUID.randomUUID().toString()).upn(name)
                .groups(role).claim("auth_time", signedInAt.getEpochSecond()).expiresIn(300).sign();
        return given().auth().oauth2(token).contentType("application/json");
    }

    private static KafkaBroker broker() {
        return LifelineTestStack.infrastructure().kafka();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
