package dev.lifeline.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.devstack.sms.ProviderMode;
import dev.lifeline.devstack.sms.SimulatorClient;
import dev.lifeline.tools.DevStaff;
import dev.lifeline.tools.Http;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running local stack as a drill sees it: everything through the gateway, as a frontend
 * would, plus the dev stack's SMS simulator, which plays the phone network.
 */
public final class LocalStack {

    final Http http = new Http();
    /** The people's phones and mailboxes, and the providers: the dev stack's simulator. */
    final SimulatorClient world;
    private final AtomicInteger gatewayRequests = new AtomicInteger();
    final String gateway;
    final String simulator;

    public LocalStack(String gateway, String simulator) {
        this.gateway = gateway;
        this.simulator = simulator;
        this.world = new SimulatorClient(simulator);
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
        return world.providers();
    }

    /** Every simulated provider behaves as {@code mode} (ok, fail, slow, silent-drop) from now on. */
    void setProviders(String mode) {
        world.setProviders(ProviderMode.of(mode));
    }

    /** The texts the phone has received, oldest first. */
    public List<SimulatorClient.Text> texts(String phone) {
        return world.texts(phone);
    }

    /** How many texts the phone has received. */
    int textsTo(String phone) {
        return texts(phone).size();
    }

    /** Waits for the phone's {@code nth} text; null if it never comes. */
    SimulatorClient.Text awaitText(String phone, int nth, long timeoutMillis) {
        return world.awaitText(phone, nth, Duration.ofMillis(timeoutMillis)).orElse(null);
    }

    /** Emails the address has received, oldest first. */
    List<SimulatorClient.Mail> mailTo(String to) {
        return world.mail(to);
    }

    /** Waits (30 s at most) for the first email titled {@code subject} to reach {@code to}. */
    SimulatorClient.Mail awaitMail(String to, String subject) {
        return awaitMail(to, subject, 1);
    }

    /** Waits (30 s at most) for the {@code nth} email titled {@code subject} to reach {@code to}. */
    SimulatorClient.Mail awaitMail(String to, String subject, int nth) {
        return world.awaitMail(to, subject, nth, Duration.ofSeconds(30)).orElseThrow(() -> new DrillFailure.NotYetArrived(
                "no email \"" + subject + "\" (number " + nth + ") reached " + to + " within 30 s",
                () -> world.mail(to, subject).size() >= nth));
    }

    /** The six-digit code in the {@code nth} email titled {@code subject} to {@code to}. */
    String codeInMail(String to, String subject, int nth) {
        return awaitMail(to, subject, nth).code()
                .orElseThrow(() -> new DrillFailure("the email \"" + subject + "\" to " + to + " has no code"));
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
