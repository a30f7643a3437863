package dev.lifeline.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.devstack.sms.SimulatorClient;
import dev.lifeline.tools.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./lifeline drill sms-pumping}: SMS toll fraud, played against the local stack. Fifty fresh
 * accounts ask for enrollment texts to 500 numbers of one prefix (Australia's fictional
 * +61 491 570 xxx) and never type a code, while ordinary people (UK numbers) keep signing in by SMS.
 * Prints how many texts reached the attacked prefix, when the conversion guard blocked it, what the
 * rest was refused with, and whether every ordinary sign-in got its text (it must); then ops lift the
 * block.
 */
final class SmsPumpingDrill extends Drill {

    private static final String ATTACKED_PREFIX = "+614915";
    private static final int ACCOUNTS = 50;
    private static final int NUMBERS_EACH = 10;
    private static final int PEOPLE = 8;
    /** Each person's phone takes 5 texts an hour: enrollment, a first sign-in, and three during the attack. */
    private static final int SIGN_INS_EACH = 3;


    public static void main(String[] args) {
        play(new SmsPumpingDrill());
    }

    @Override
    protected void run() {
        System.out.printf("sms-pumping drill against %s%n", stack.gateway);
        stack.setProviders("ok");
        List<DrillPerson> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            DrillPerson person = new DrillPerson(stack);
            person.signUpWithSmsTwoFactor();
            if (!signInBySms(person)) {
                throw new DrillFailure(person.username + " could not sign in by SMS before the attack");
            }
            people.add(person);
        }
        step("✔", PEOPLE + " people (UK numbers) have SMS two-factor and signed in by SMS once");

        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger signIns = new AtomicInteger();
        AtomicInteger signInsWithText = new AtomicInteger();
        Thread ordinaryLife = new Thread(() -> {
            for (int round = 0; round < SIGN_INS_EACH && attacking.get(); round++) {
                for (DrillPerson person : people) {
                    if (!attacking.get()) {
                        return;
                    }
                    signIns.incrementAndGet();
                    if (signInBySms(person)) {
                        signInsWithText.incrementAndGet();
                    }
                    LocalStack.sleep(1_500);
                }
            }
        }, "ordinary-sign-ins");
        ordinaryLife.start();

        String ops = stack.staffToken("ops1");
        long attackStarted = System.nanoTime();
        int textsToPrefix = 0;
        Double blockedAfter = null;
        Map<String, Integer> refusals = new TreeMap<>();
        int number = 0;
        for (int account = 0; account < ACCOUNTS; account++) {
            String token = freshAccount();
            for (int i = 0; i < NUMBERS_EACH; i++) {
                String phone = String.format("+61491570%03d", number++);
                Http.Answer answer = stack.call("POST", "/api/me/2fa/sms", Map.of("phone", phone), token);
                if (answer.status() == 202) {
                    textsToPrefix++;
                } else {
                    String why = answer.text("code") + (answer.text("limit") == null ? "" : " (" + answer.text("limit") + ")");
                    refusals.merge(answer.status() + " " + why, 1, Integer::sum);
                }
            }
            if (blockedAfter == null && block(ops) != null) {
                blockedAfter = seconds(attackStarted);
                step("✔", String.format("%s blocked %.0f s into the attack, after %d texts: %s", ATTACKED_PREFIX, blockedAfter,
                        textsToPrefix, block(ops).path("reason").asText()));
            }
        }
        attacking.set(false);
        join(ordinaryLife);
        step("✔", String.format("%d accounts asked for %d texts to %s: %d sent, refused %s", ACCOUNTS, ACCOUNTS * NUMBERS_EACH,
                ATTACKED_PREFIX, textsToPrefix, refusals));
        if (blockedAfter == null) {
            throw new DrillFailure(ATTACKED_PREFIX + " was never blocked");
        }
        step(signInsWithText.get() == signIns.get() ? "✔" : "✘", String.format(
                "ordinary people meanwhile: %d of %d SMS sign-ins got their text and signed in", signInsWithText.get(), signIns.get()));
        if (signInsWithText.get() != signIns.get()) {
            throw new DrillFailure("ordinary sign-ins lost their texts during the attack");
        }
        String channel = stack.smsHealth(ops).path("channel").asText();
        step("HEALTHY".equals(channel) ? "✔" : "✘", "the SMS channel stayed " + channel + ": pumping is not an outage");
        if (!"HEALTHY".equals(channel)) {
            throw new DrillFailure("pumping moved the channel to " + channel);
        }

        JsonNode overview = stack.call("GET", "/api/ops/sms-fraud", null, ops).body();
        step("…", "ops see: budget " + overview.path("budget").path("lastHour").asText() + " of "
                + overview.path("budget").path("limits").path("perHour").asText() + " texts this hour; spend by country "
                + overview.path("countries"));
        DrillPerson.expect(204, stack.call("DELETE", "/api/ops/sms-fraud/blocks/" + ATTACKED_PREFIX.substring(1), null, ops),
                "ops lifting the block");
        step("✔", "ops lifted the block on " + ATTACKED_PREFIX + " (DELETE /api/ops/sms-fraud/blocks/614915)");
    }

    /** A new account with a confirmed email, as a fraudster's script makes them; its access token. */
    private String freshAccount() {
        String username = "pump" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@example.org";
        String password = "pumping " + UUID.randomUUID().toString().substring(0, 8) + " tide";
        DrillPerson.expect(201, stack.call("POST", "/api/accounts", Map.of("username", username, "password", password, "email", email),
                null), "an attacker's sign-up");
        String token = DrillPerson.expect(200, stack.call("POST", "/api/login", Map.of("username", username, "password", password), null),
                "an attacker's sign-in").body().path("tokens").path("accessToken").asText();
        DrillPerson.expect(204, stack.call("POST", "/api/me/email/verify",
                Map.of("code", stack.codeInMail(email, "Confirm your email address for Lifeline", 1)), token), "an attacker's email");
        return token;
    }

    private boolean signInBySms(DrillPerson person) {
        Http.Answer password = person.password();
        if (password.status() != 200) {
            return false;
        }
        String challenge = password.body().path("challenge").path("id").asText();
        if (person.askForText(challenge).status() != 202) {
            return false;
        }
        SimulatorClient.Text text = person.nextText(20_000);
        return text != null && person.answer(challenge, "sms", text.code().orElseThrow()).status() == 200;
    }

    private JsonNode block(String ops) {
        for (JsonNode block : stack.call("GET", "/api/ops/sms-fraud", null, ops).body().path("blockedPrefixes")) {
            if (ATTACKED_PREFIX.equals(block.path("prefix").asText()) && block.path("active").asBoolean()) {
                return block;
            }
        }
        return null;
    }

    private static void join(Thread thread) {
        try {
            thread.join(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


}
