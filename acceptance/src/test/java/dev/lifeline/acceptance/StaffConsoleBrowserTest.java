package dev.lifeline.acceptance;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent console in Chromium: signing in takes the app's code, the queue is searched, and an
 * approval whose sign-in is older than five minutes opens the "confirm it is you" dialog, steps up
 * with the password and a new code, and then goes through.
 */
class StaffConsoleBrowserTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void anAgentSearchesTheQueueAndStepsUpToApproveAfterFiveMinutes() throws Exception {
        Assumptions.assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver; .ci/run does)");
        Person owner = new Person(system);
        owner.registerWithSmsTwoFactor();
        String ticket = owner.api().body(Map.of("username", owner.username, "contactEmail", "me-" + owner.username + "@example.org",
                "details", "Phone lost.")).post("/api/recovery-tickets").then().statusCode(202).extract().path("ticketId");

        try (Browser browser = new Browser(system.gatewayUrl())) {
            browser.open("/agent");
            browser.type("#username", "agent1");
            browser.type("#password", RunningSystem.DEV_STAFF_PASSWORD);
            browser.type("#code", system.nextStaffCode("agent1"));
            browser.click("#sign-in-button");
            browser.type("#queue-search", owner.username);
            browser.click("#queue-search-button");
            browser.awaitText("#queue-rows", owner.username);
            assertTrue(browser.texts("#queue-rows tr").size() == 1, "the search finds this ticket alone");
            browser.find("#queue-rows a[href='#" + ticket + "']").click();
            browser.click("#claim");
            browser.awaitText("#ticket-claim", "claimed by agent1");
            for (String check : RunningSystem.CHECKS) {
                browser.clickIn("#check-rows tr", check, "Passed");
                browser.awaitText("#message", check + ": passed");
            }

            // the console was left open: the session's proof is now ten minutes old
            browser.run("const s = JSON.parse(sessionStorage.getItem('lifeline.staff'));"
                    + "s.accessToken = arguments[0]; sessionStorage.setItem('lifeline.staff', JSON.stringify(s));",
                    provedTenMinutesAgo((String) browser.run("return JSON.parse(sessionStorage.getItem('lifeline.staff')).accessToken")));
            browser.type("#approve-note", "identity confirmed");
            browser.click("#approve");
            browser.find("#step-up-dialog");
            browser.screenshot("agent-step-up-before-approving");
            browser.type("#step-up-dialog-password", RunningSystem.DEV_STAFF_PASSWORD);
            browser.type("#step-up-dialog-code", system.nextStaffCode("agent1"));
            browser.click("#step-up-dialog-confirm");
            browser.awaitText("#message", "Approved.");
        }
        owner.api(system.staffToken("agent2")).get("/api/agent/tickets/" + ticket).then().statusCode(200)
                .body("approvals.agent", hasItem("agent1"));
    }

    /** The same access token, re-signed with the key auth-service uses here, but with its sign-in ten minutes ago. */
    private String provedTenMinutesAgo(String accessToken) throws Exception {
        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build()
                .processToClaims(accessToken);
        claims.setClaim("auth_time", Instant.now().minusSeconds(600).getEpochSecond());
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(system.signingKey).replaceAll("-----[A-Z ]+-----", ""));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
