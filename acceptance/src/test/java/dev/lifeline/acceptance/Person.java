package dev.lifeline.acceptance;

import dev.lifeline.devstack.sms.SimulatorClient;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Someone using Lifeline the way a frontend does: JSON through the gateway, and their phone, which
 * is the SMS simulator's list of messages delivered to their number.
 */
final class Person {

    private static final AtomicInteger NUMBERS = new AtomicInteger(100);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    final String username = "user" + UUID.randomUUID().toString().substring(0, 8);
    /** Changes once, when a recovery makes the owner set a new one ({@link #setNewPasswordFromTheEmail}). */
    String password = "lantern " + UUID.randomUUID().toString().substring(0, 6) + " meadow tide";
    final String email = username + "@example.org";
    /** The address this person's requests come from (198.18.0.0/15, set aside for tests), as the gateway's trusted proxy says. */
    final String address = address(ADDRESSES.getAndIncrement());
    final String phone = "+447700900" + NUMBERS.getAndIncrement();
    private final RunningSystem system;
    /** The backup codes shown when two-factor was turned on. */
    List<String> backupCodes = List.of();

    Person(RunningSystem system) {
        this.system = system;
    }

    RequestSpecification api() {
        return given().baseUri(system.gatewayUrl()).contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("X-Forwarded-For", address);
    }

    static String address(int n) {
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    RequestSpecification api(String accessToken) {
        return api().header("Authorization", "Bearer " + accessToken);
    }

    Response register() {
        return api().body(Map.of("username", username, "password", password, "email", email)).post("/api/accounts");
    }

    Response login() {
        return api().body(Map.of("username", username, "password", password)).post("/api/login");
    }

    /** Signs up, confirms the email address, signs in and turns on SMS two-factor; returns the access token of that first session. */
    String registerWithSmsTwoFactor() {
        register().then().statusCode(201);
        String token = login().then().statusCode(200).extract().path("tokens.accessToken");
        confirmEmail(token);
        api(token).body(Map.of("phone", phone)).post("/api/me/2fa/sms").then().statusCode(202);
        backupCodes = api(token).body(Map.of("code", awaitCode(1))).post("/api/me/2fa/sms/confirm").then().statusCode(200)
                .extract().jsonPath().getList("backupCodes", String.class);
        return token;
    }

    /** Types back the code of the confirmation email sent at sign-up. */
    void confirmEmail(String token) {
        api(token).body(Map.of("code", codeInMail("Confirm your email address for Lifeline"))).post("/api/me/email/verify")
                .then().statusCode(204);
    }

    /** The six-digit code in the newest email titled {@code subject} to this person's address. */
    String codeInMail(String subject) {
        List<SimulatorClient.Mail> mails = system.awaitMail(email, subject);
        String text = mails.get(mails.size() - 1).text();
        Matcher matcher = CODE.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no code in: " + text);
        }
        return matcher.group(1);
    }

    /** The code in the {@code nth} text message this person received, waiting (20 s at most) for it to arrive. */
    String awaitCode(int nth) {
        SimulatorClient.Text text = system.world().awaitText(phone, nth, Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("text message " + nth + " never reached " + phone));
        return text.code().orElseThrow(() -> new AssertionError("no code in: " + text.body()));
    }

    int messagesReceived() {
        return system.world().texts(phone).size();
    }

    /** Waits until auth-service, which learns it from sms.channel-health, shows the channel in this person's new challenges. */
    void awaitSignInsShowSmsChannel(String expected, Duration timeout) {
        await("challenges showing the SMS channel " + expected).atMost(timeout).pollInterval(Duration.ofMillis(300))
                .until(() -> login().then().statusCode(200).extract().<String>path("challenge.smsChannel"), expected::equals);
    }

    /** The one-time link a recovery emails to the account's address: its token. */
    String passwordResetToken() {
        String text = system.awaitMail(email, "Set a new password for your Lifeline account").get(0).text();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/reset-password#([A-Za-z0-9_-]+)").matcher(text);
        if (!link.find()) {
            throw new AssertionError("no reset link in: " + text);
        }
        return link.group(1);
    }

    /** Sets a new password with the link from the email, as the page does. */
    void setNewPasswordFromTheEmail() {
        String next = "copper " + UUID.randomUUID().toString().substring(0, 6) + " harbour lights";
        api().body(Map.of("token", passwordResetToken(), "newPassword", next)).post("/api/password-resets").then().statusCode(204);
        password = next;
    }
}
