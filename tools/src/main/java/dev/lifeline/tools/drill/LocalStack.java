package dev.lifeline.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.tools.DevStaff;
import dev.lifeline.tools.Http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running local stack as a drill sees it: everything through the gateway, as a frontend
 * would, plus the dev stack's SMS simulator, which plays the phone network.
 */
public final class LocalStack {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    final Http http = new Http();
    private final AtomicInteger gatewayRequests = new AtomicInteger();
    final String gateway;
    final String simulator;

    public LocalStack(String gateway, String simulator) {
        this.gateway = gateway;
        this.simulator = simulator;
    }

    Http.Answer call(String method, String path, Object body, String token) {
        return call(method, path, body, token, null);
    }

    /** From the client address {@code from} (null: this machine's). */
    Http.Answer call(String method, String path, Object body, String token, String from) {
        gatewayRequests.incrementAndGet();
        return http.call(method, gateway + path, body, token, from);
    }

    /** Requests sent through the gateway so far, answered or not. */
    int gatewayRequests() {
        return gatewayRequests.get();
    }

    /** Seeded staff (agent1, agent2, ops1) signed in with the dev-only password and authenticator secret. */
    String staffToken(String username) {
        return DevStaff.signIn(http, gateway, username);
    }

    /** {@code GET /api/ops/sms-health} as ops1. */
    JsonNode smsHealth(String opsToken) {
        return call("GET", "/api/ops/sms-health", null, opsToken).body();
    }

    List<String> providers() {
        List<String> names = new ArrayList<>();
        http.call("GET", simulator + "/sim/providers", null, null).body().forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    void setProviders(String mode) {
        for (String provider : providers()) {
            http.call("PUT", simulator + "/sim/providers/" + provider + "/mode", Map.of("mode", mode), null);
        }
    }

    /** Texts the phone has received, oldest first. */
    public JsonNode messagesTo(String phone) {
        return http.call("GET", simulator + "/sim/messages?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8), null, null).body();
    }

    /** Waits for the phone's {@code nth} text and reads the code in it; null if it never comes. */
    Received awaitText(String phone, int nth, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            JsonNode messages = messagesTo(phone);
            if (messages.size() >= nth) {
                JsonNode message = messages.get(nth - 1);
                Matcher matcher = CODE.matcher(message.path("body").asText());
                return new Received(matcher.find() ? matcher.group(1) : null, message.path("provider").asText());
            }
            sleep(100);
        }
        return null;
    }

    record Received(String code, String provider) {
    }

    /** Emails the address has received, oldest first. */
    JsonNode mailTo(String to) {
        return http.call("GET", simulator + "/sim/mail?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8), null, null).body();
    }

    /** Waits (30 s at most) for the first email titled {@code subject} to reach {@code to}. */
    JsonNode awaitMail(String to, String subject) {
        return awaitMail(to, subject, 1);
    }

    /** Waits (30 s at most) for the {@code nth} email titled {@code subject} to reach {@code to}. */
    JsonNode awaitMail(String to, String subject, int nth) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            int seen = 0;
            for (JsonNode mail : mailTo(to)) {
                if (subject.equals(mail.path("subject").asText()) && ++seen == nth) {
                    return mail;
                }
            }
            sleep(250);
        }
        throw new DrillFailure.NotYetArrived("no email \"" + subject + "\" (number " + nth + ") reached " + to + " within 30 s",
                () -> mailTo(to).findValues("subject").stream().filter(title -> subject.equals(title.asText())).count() >= nth);
    }

    /** The six-digit code in the {@code nth} email titled {@code subject} to {@code to}. */
    String codeInMail(String to, String subject, int nth) {
        Matcher matcher = CODE.matcher(awaitMail(to, subject, nth).path("text").asText());
        if (!matcher.find()) {
            throw new DrillFailure("the email \"" + subject + "\" to " + to + " has no code");
        }
        return matcher.group(1);
    }

    /** A fictional-range phone number (+44 7700 900xxx), accepted only by the local stack. */
    static String fictionalPhone() {
        return String.format("+447700900%03d", Math.floorMod(UUID.randomUUID().hashCode(), 1000));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
