package dev.lifeline.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.devstack.sms.SimulatorClient;
import dev.lifeline.tools.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Someone the drill signs up and signs in, with SMS two-factor and a set of backup codes. */
public final class DrillPerson {

    final String username = "drill" + UUID.randomUUID().toString().substring(0, 8);
    /** Changes once, when a recovery makes the owner set a new one. */
    String password = "drill lantern " + UUID.randomUUID().toString().substring(0, 6) + " meadow";
    public final String phone;
    /** Known once signed up. */
    String accountId;
    /** The client address this person's requests come from; null: this machine's. */
    String from;
    final List<String> backupCodes = new ArrayList<>();
    private final LocalStack stack;
    private int textsReceived;
    /** Texts the phone had before this person: numbers of the fictional range are used again across drills. */
    final int textsBefore;

    DrillPerson(LocalStack stack) {
        this(stack, LocalStack.fictionalPhone());
    }

    public DrillPerson(LocalStack stack, String phone) {
        this.stack = stack;
        this.phone = phone;
        textsReceived = stack.textsTo(phone);
        textsBefore = textsReceived;
    }

    /** Signs up, signs in and turns on SMS two-factor, keeping the backup codes shown. */
    public void signUpWithSmsTwoFactor() {
        accountId = expect(201, stack.call("POST", "/api/accounts",
                Map.of("username", username, "password", password, "email", username + "@example.org"), null, from), "sign-up").text("id");
        String token = expect(200, password(), "first sign-in").body().path("tokens").path("accessToken").asText();
        expect(204, stack.call("POST", "/api/me/email/verify",
                Map.of("code", stack.codeInMail(username + "@example.org", "Confirm your email address for Lifeline", 1)), token, from),
                "confirming the email address");
        expect(202, stack.call("POST", "/api/me/2fa/sms", Map.of("phone", phone), token, from), "SMS enrollment");
        SimulatorClient.Text text = nextText(20_000);
        if (text == null) {
            throw notYetTexted("the enrollment text did not reach " + phone + " within 20 s");
        }
        JsonNode confirmed = expect(200, stack.call("POST", "/api/me/2fa/sms/confirm", Map.of("code", text.code().orElseThrow()), token, from),
                "enrollment confirmation").body();
        confirmed.path("backupCodes").forEach(code -> backupCodes.add(code.asText()));
    }

    /** The password step; answers with the second-factor challenge. */
    public Http.Answer password() {
        return stack.call("POST", "/api/login", Map.of("username", username, "password", password), null, from);
    }

    /** Sets a new password with the one-time link a recovery emailed to the account's address. */
    void setNewPassword(String resetToken) {
        String next = "drill compass " + UUID.randomUUID().toString().substring(0, 6) + " harbour";
        expect(204, stack.call("POST", "/api/password-resets", Map.of("token", resetToken, "newPassword", next), null, from),
                "setting a new password");
        password = next;
    }

    public Http.Answer askForText(String challengeId) {
        return stack.call("POST", "/api/login/challenges/" + challengeId + "/sms", null, null, from);
    }

    Http.Answer answer(String challengeId, String method, String code) {
        return stack.call("POST", "/api/login/challenges/" + challengeId + "/verify", Map.of("method", method, "code", code), null, from);
    }

    /** The next text to this person's phone, or null when none comes in time. */
    SimulatorClient.Text nextText(long timeoutMillis) {
        SimulatorClient.Text text = stack.awaitText(phone, textsReceived + 1, timeoutMillis);
        if (text != null) {
            textsReceived++;
        }
        return text;
    }

    /** The text this person waits for has not come: later, has it? */
    DrillFailure.NotYetArrived notYetTexted(String message) {
        int expected = textsReceived + 1;
        return new DrillFailure.NotYetArrived(message, () -> stack.textsTo(phone) >= expected);
    }

    String useBackupCode() {
        return backupCodes.remove(0);
    }

    static Http.Answer expect(int status, Http.Answer answer, String what) {
        if (answer.status() != status) {
            throw new DrillFailure(what + ": expected HTTP " + status + ", got " + answer.status() + " " + answer.body());
        }
        return answer;
    }
}
