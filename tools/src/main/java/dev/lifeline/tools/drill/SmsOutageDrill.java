package dev.lifeline.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.devstack.sms.SimulatorClient;
import dev.lifeline.tools.Http;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./lifeline drill sms-outage [--hard-failure]}: the 2022 outage, played against the local
 * stack. A sign-in by SMS works; the simulator's providers start to drop texts silently (or, with
 * {@code --hard-failure}, to fail outright); sign-ins keep asking for texts until the channel is
 * seen DEGRADED (DOWN); the next sign-in is routed to a backup code; the providers recover; the
 * channel is HEALTHY again and SMS works as before. Each step is printed with its time; the exit
 * status says whether everything happened as a person would expect.
 */
final class SmsOutageDrill extends Drill {

    private final boolean hardFailure;

    private SmsOutageDrill(boolean hardFailure) {
        this.hardFailure = hardFailure;
    }

    public static void main(String[] args) {
        play(new SmsOutageDrill(List.of(args).contains("--hard-failure")));
    }

    @Override
    protected void cleanUp() {
        stack.setProviders("ok");
    }

    @Override
    protected void run() {
        String mode = hardFailure ? "fail" : "silent-drop";
        String brokenState = hardFailure ? "DOWN" : "DEGRADED";
        System.out.printf("SMS outage drill (%s) against %s, simulator %s%n", mode, stack.gateway, stack.simulator);
        String ops = stack.staffToken("ops1");
        stack.setProviders("ok");
        awaitChannel(ops, "HEALTHY", 120);
        step("✔", "the SMS channel is HEALTHY");

        DrillPerson ana = new DrillPerson(stack);
        ana.signUpWithSmsTwoFactor();
        List<DrillPerson> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DrillPerson other = new DrillPerson(stack);
            other.signUpWithSmsTwoFactor();
            others.add(other);
        }
        step("✔", ana.username + " and 3 others signed up with SMS two-factor, each keeping " + ana.backupCodes.size() + " backup codes");

        signInBySms(ana, "a sign-in by SMS works");

        stack.setProviders(mode);
        long broken = System.nanoTime();
        step("…", "providers " + String.join(", ", stack.providers()) + " now " + (hardFailure
                ? "refuse every text with an error" : "accept every text and deliver none, with no error anywhere"));

        int asked = 0;
        JsonNode health = stack.smsHealth(ops);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!brokenState.equals(health.path("channel").asText()) && System.nanoTime() < deadline) {
            if (asked < 9) {
                DrillPerson someone = others.get(asked % others.size());
                String challenge = DrillPerson.expect(200, someone.password(), "sign-in").body().path("challenge").path("id").asText();
                someone.askForText(challenge);
                asked++;
            }
            LocalStack.sleep(1_000);
            health = stack.smsHealth(ops);
        }
        if (!brokenState.equals(health.path("channel").asText())) {
            throw new DrillFailure("the channel was still " + health.path("channel").asText() + " two minutes after the providers broke");
        }
        step("✔", String.format("channel %s %.1f s after the providers broke (%d sign-ins asked for texts meanwhile): \"%s\"",
                brokenState, seconds(broken), asked, health.path("reason").asText()));

        JsonNode challenge = awaitRouting(ana, "backup_code");
        JsonNode sms = method(challenge, "sms");
        Http.Answer refused = ana.askForText(challenge.path("id").asText());
        if (refused.status() != 503 || !"sms_degraded".equals(refused.text("code"))) {
            throw new DrillFailure("asking for a text should be refused with 503 sms_degraded, got " + refused.status());
        }
        step("✔", "the next sign-in recommends backup_code; SMS shows \"" + sms.path("reason").asText()
                + "\"; asking for a text anyway: 503 sms_degraded, alternatives " + refused.body().path("alternatives"));
        Http.Answer signedIn = DrillPerson.expect(200, ana.answer(challenge.path("id").asText(), "backup_code", ana.useBackupCode()),
                "backup-code sign-in");
        step("✔", "signed in with a backup code: " + signedIn.body().path("notices").path(0).path("message").asText());

        stack.setProviders("ok");
        long recovered = System.nanoTime();
        step("…", "providers recover");
        awaitChannel(ops, "HEALTHY", 300);
        step("✔", String.format("channel HEALTHY again %.1f s after the providers recovered, with no restart", seconds(recovered)));

        awaitRouting(ana, "sms");
        signInBySms(ana, "a sign-in by SMS works again");

        // texts nobody could type during the outage are not pumping: the conversion guard blocked nothing
        List<String> blocked = new java.util.ArrayList<>();
        stack.call("GET", "/api/ops/sms-fraud", null, ops).body().path("blockedPrefixes").forEach(b -> {
            if (b.path("active").asBoolean()) {
                blocked.add(b.path("prefix").asText());
            }
        });
        if (!blocked.isEmpty()) {
            throw new DrillFailure("the outage got prefixes blocked as pumping: " + blocked);
        }
        step("✔", "no number prefix was blocked as pumping: an outage is not fraud");
    }

    private void signInBySms(DrillPerson person, String what) {
        JsonNode challenge = DrillPerson.expect(200, person.password(), "sign-in").body().path("challenge");
        if (!"sms".equals(challenge.path("recommended").asText())) {
            throw new DrillFailure("sign-in recommends " + challenge.path("recommended").asText() + ", expected sms");
        }
        String id = challenge.path("id").asText();
        long asked = System.nanoTime();
        DrillPerson.expect(202, person.askForText(id), "asking for a text");
        SimulatorClient.Text text = person.nextText(20_000);
        if (text == null) {
            throw new DrillFailure("the text never arrived");
        }
        double arrivedAfter = seconds(asked);
        DrillPerson.expect(200, person.answer(id, "sms", text.code().orElseThrow()), "SMS code sign-in");
        step("✔", String.format("%s: the text came through %s after %.1f s", what, text.provider(), arrivedAfter));
    }

    /** Waits until a new challenge recommends {@code method}: auth-service learns the channel's state from Kafka. */
    private JsonNode awaitRouting(DrillPerson person, String method) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode challenge = DrillPerson.expect(200, person.password(), "sign-in").body().path("challenge");
            if (method.equals(challenge.path("recommended").asText())) {
                return challenge;
            }
            if (System.nanoTime() > deadline) {
                throw new DrillFailure("sign-in still recommends " + challenge.path("recommended").asText() + ", expected " + method);
            }
            LocalStack.sleep(250);
        }
    }

    private void awaitChannel(String opsToken, String state, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode health = stack.smsHealth(opsToken);
        while (!state.equals(health.path("channel").asText())) {
            if (System.nanoTime() > deadline) {
                throw new DrillFailure("the channel is " + health.path("channel").asText() + " (" + health.path("reason").asText()
                        + "), not " + state + ", after " + seconds + " s");
            }
            LocalStack.sleep(500);
            health = stack.smsHealth(opsToken);
        }
    }

    private static JsonNode method(JsonNode challenge, String name) {
        for (JsonNode method : challenge.path("methods")) {
            if (name.equals(method.path("method").asText())) {
                return method;
            }
        }
        throw new DrillFailure("the challenge lists no method " + name);
    }
}
