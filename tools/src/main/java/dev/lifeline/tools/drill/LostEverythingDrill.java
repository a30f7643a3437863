package dev.lifeline.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.devstack.sms.SimulatorClient;
import dev.lifeline.tools.Http;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./lifeline drill lost-everything}: someone lost their phone and their backup codes. They
 * open a recovery ticket; agent1 and agent2 each claim it, record the identity checks and approve;
 * the owner is emailed a cancel link; the hold runs out; auth-service turns two-factor off and ends
 * every session; the old password stops working and the owner sets a new one with the emailed link,
 * signs in, sets two-factor up again with new backup codes, and signs in by SMS. Each step is printed with its time.
 */
final class LostEverythingDrill extends Drill {

    private static final Pattern RESET_LINK = Pattern.compile("/reset-password#([A-Za-z0-9_-]+)");
    /** The checks agents record by hand; account-email-reached passes when the requester types back the agent's email code. */
    private static final List<String> CHECKS = List.of("history-matches", "no-takeover-signs");


    public static void main(String[] args) {
        play(new LostEverythingDrill());
    }

    @Override
    protected void run() {
        System.out.printf("lost-everything drill against %s, mailboxes %s/sim/mail%n", stack.gateway, stack.simulator);
        stack.setProviders("ok");
        DrillPerson ana = new DrillPerson(stack);
        ana.signUpWithSmsTwoFactor();
        String pendingSignIn = DrillPerson.expect(200, ana.password(), "sign-in").body().path("challenge").path("id").asText();
        step("✔", ana.username + " has SMS two-factor and " + ana.backupCodes.size() + " backup codes; then loses the phone and the codes");
        ana.backupCodes.clear();

        String contact = ana.username + "-new@example.org";
        Http.Answer opened = DrillPerson.expect(202, stack.call("POST", "/api/recovery-tickets", Map.of("username", ana.username,
                "contactEmail", contact, "details", "My phone was stolen and my backup codes were on it."), null), "opening a ticket");
        String ticket = opened.text("ticketId");
        String tracking = opened.text("trackingCode");
        step("✔", "recovery ticket opened without signing in: tracking code " + tracking + ", status " + opened.text("status"));

        List<String> agents = List.of("agent1", "agent2");
        for (String agent : agents) {
            String token = stack.staffToken(agent);
            JsonNode queue = stack.call("GET", "/api/agent/tickets", null, token).body();
            JsonNode mine = null;
            for (JsonNode t : queue) {
                if (ticket.equals(t.path("id").asText())) {
                    mine = t;
                }
            }
            if (mine == null) {
                throw new DrillFailure(agent + " does not see the ticket in the queue");
            }
            DrillPerson.expect(200, stack.call("POST", "/api/agent/tickets/" + ticket + "/claim", null, token), agent + " claiming");
            // the email check made a proof: a code to the account's address, typed back by the requester
            DrillPerson.expect(202, stack.call("POST", "/api/agent/tickets/" + ticket + "/email-code", null, token),
                    agent + " sending a code to the account's email");
            DrillPerson.expect(204, stack.call("POST", "/api/recovery-tickets/" + ticket + "/email-code", Map.of("trackingCode", tracking,
                    "code", stack.codeInMail(ana.username + "@example.org", "Your Lifeline support code", agents.indexOf(agent) + 1)), null),
                    "the requester typing back " + agent + "'s email code");
            for (String check : CHECKS) {
                DrillPerson.expect(200, stack.call("POST", "/api/agent/tickets/" + ticket + "/checks",
                        Map.of("name", check, "passed", true, "note", "drill: checked by " + agent), token), agent + " recording " + check);
            }
            JsonNode after = DrillPerson.expect(200, stack.call("POST", "/api/agent/tickets/" + ticket + "/approve",
                    Map.of("note", "drill approval"), token), agent + " approving").body();
            step("✔", String.format("%s: queue of %d (priority %d, due %s), claimed, %d checks passed, approved → %s",
                    agent, queue.size(), mine.path("priority").asInt(), mine.path("dueBy").asText(), CHECKS.size() + 1,
                    after.path("status").asText()));
        }

        SimulatorClient.Mail toldAtOpening = stack.awaitMail(ana.username + "@example.org", "A recovery of your Lifeline account was requested");
        SimulatorClient.Mail toOwner = stack.awaitMail(ana.username + "@example.org", "Someone asked to recover your Lifeline account");
        SimulatorClient.Mail toContact = stack.awaitMail(contact, "We received your Lifeline recovery request");
        if (!toldAtOpening.text().contains("cancel=") || !toOwner.text().contains("cancel=")) {
            throw new DrillFailure("an email to the account's address has no cancel link");
        }
        if (toContact.text().contains("cancel=") || toContact.text().contains(ana.username)) {
            throw new DrillFailure("the contact address was told about the account");
        }
        step("✔", "the account's address was told when the ticket opened and when the hold started, each with a cancel "
                + "link; the contact address only that the request arrived");

        long holdStarted = System.nanoTime();
        String status = awaitStatus(ticket, tracking, "COMPLETED", 300);
        step("✔", String.format("hold over after %.0f s, not cancelled: ticket %s", seconds(holdStarted), status));

        Http.Answer stale = stack.call("POST", "/api/login/challenges/" + pendingSignIn + "/sms", null, null);
        if (stale.status() != 410) {
            throw new DrillFailure("the sign-in begun before the recovery answers " + stale.status() + ", expected 410");
        }
        DrillPerson.expect(403, ana.password(), "the old password after recovery");
        Matcher link = RESET_LINK.matcher(stack.awaitMail(ana.username + "@example.org", "Set a new password for your Lifeline account")
                .text());
        if (!link.find()) {
            throw new DrillFailure("the password-reset email has no link");
        }
        ana.setNewPassword(link.group(1));
        step("✔", "the old password no longer signs in; a new one set with the one-time link emailed to the account's address");
        Http.Answer signIn = DrillPerson.expect(200, ana.password(), "sign-in after recovery");
        if (!"ENROLLMENT_REQUIRED".equals(signIn.text("status"))) {
            throw new DrillFailure("sign-in after recovery answers " + signIn.text("status") + ", expected ENROLLMENT_REQUIRED");
        }
        String limited = signIn.body().path("tokens").path("accessToken").asText();
        step("✔", "two-factor is off, every session and sign-in in progress ended; signing in now only allows setting two-factor up again");

        DrillPerson.expect(202, stack.call("POST", "/api/me/2fa/sms", Map.of("phone", ana.phone), limited), "enrolling again");
        SimulatorClient.Text text = ana.nextText(20_000);
        if (text == null) {
            throw new DrillFailure("the enrollment text never came");
        }
        JsonNode enabled = DrillPerson.expect(200, stack.call("POST", "/api/me/2fa/sms/confirm", Map.of("code", text.code().orElseThrow()), limited),
                "confirming enrollment").body();
        step("✔", "SMS two-factor on again with " + enabled.path("backupCodes").size() + " new backup codes");

        JsonNode challenge = DrillPerson.expect(200, ana.password(), "sign-in").body().path("challenge");
        DrillPerson.expect(202, ana.askForText(challenge.path("id").asText()), "asking for a text");
        SimulatorClient.Text code = ana.nextText(20_000);
        DrillPerson.expect(200, ana.answer(challenge.path("id").asText(), "sms", code.code().orElseThrow()), "SMS sign-in");
        step("✔", "signed in by SMS as before; emails sent to the owner: " + subjects(ana.username + "@example.org"));
    }

    private String subjects(String to) {
        StringBuilder all = new StringBuilder();
        for (SimulatorClient.Mail mail : stack.mailTo(to)) {
            all.append(all.length() == 0 ? "" : "; ").append(mail.subject());
        }
        return all.toString();
    }

    private String awaitStatus(String ticket, String tracking, String expected, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = null;
        while (System.nanoTime() < deadline) {
            Http.Answer progress = stack.call("GET", "/api/recovery-tickets/" + ticket + "?trackingCode=" + tracking, null, null);
            String status = progress.text("status");
            if (!status.equals(last)) {
                step("…", "ticket " + status + (progress.body().hasNonNull("holdUntil") ? ", hold until " + progress.text("holdUntil") : ""));
                last = status;
            }
            if (expected.equals(status)) {
                return status;
            }
            LocalStack.sleep(1_000);
        }
        throw new DrillFailure("the ticket is " + last + ", not " + expected + ", after " + seconds + " s");
    }


}
