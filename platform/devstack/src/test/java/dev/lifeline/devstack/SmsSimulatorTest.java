package dev.lifeline.devstack;

import dev.lifeline.devstack.sms.ProviderMode;
import dev.lifeline.devstack.sms.SimulatorClient;
import dev.lifeline.devstack.sms.SmsSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator as a Twilio client and a person breaking providers see it, over real HTTP. */
class SmsSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SmsSimulator sim;

    @BeforeAll
    static void start() {
        sim = SmsSimulator.start(new SmsSimulator.Settings(0, List.of("alpha", "bravo"),
                Duration.ofMillis(20), Duration.ofMillis(1500)));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() throws Exception {
        send("DELETE", "/sim/messages", null);
        for (String provider : List.of("alpha", "bravo")) {
            send("PUT", "/sim/providers/" + provider + "/mode", "{\"mode\":\"ok\"}");
        }
    }

    @Test
    void anAcceptedMessageIsDeliveredAndListedNewestLast() throws Exception {
        assertEquals(201, twilioSend("alpha", "+447700900123", "first").statusCode());
        assertEquals(201, twilioSend("bravo", "+447700900123", "second").statusCode());
        assertEquals(201, twilioSend("alpha", "+447700900999", "other phone").statusCode());

        String listed = awaitMessages("+447700900123", 2);
        assertTrue(listed.indexOf("first") < listed.indexOf("second"), listed);
        assertTrue(listed.contains("\"provider\":\"bravo\""), listed);
        assertTrue(!listed.contains("other phone"), listed);
    }

    @Test
    void theClientDrillsAndAcceptanceTestsShareReadsPhonesAndBreaksProviders() throws Exception {
        SimulatorClient world = new SimulatorClient(sim.baseUrl());
        assertEquals(List.of("alpha", "bravo"), world.providers());
        assertTrue(world.awaitText("+447700900321", 1, Duration.ofMillis(200)).isEmpty(), "no text came: empty, not an error");

        twilioSend("bravo", "+447700900321", "Your Lifeline code is 246810. It expires in 5 minutes.");
        SimulatorClient.Text text = world.awaitText("+447700900321", 1, Duration.ofSeconds(5)).orElseThrow();
        assertEquals("bravo", text.provider());
        assertEquals("246810", text.code().orElseThrow());
        assertEquals(1, world.texts("+447700900321").size());

        world.setProviders(ProviderMode.FAIL);
        assertEquals(503, twilioSend("alpha", "+447700900321", "lost").statusCode());
        assertEquals(503, twilioSend("bravo", "+447700900321", "lost").statusCode());
    }

    @Test
    void aFailingProviderAnswersWithAServerErrorAndDeliversNothing() throws Exception {
        send("PUT", "/sim/providers/alpha/mode", "{\"mode\":\"fail\"}");

        HttpResponse<String> response = twilioSend("alpha", "+447700900123", "lost");

        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("\"code\":20503"), response.body());
        assertTrue(send("GET", "/sim/providers", null).body().contains("{\"name\":\"alpha\",\"mode\":\"fail\"}"));
    }

    @Test
    void aSilentlyDroppingProviderAcceptsButNeverDelivers() throws Exception {
        send("PUT", "/sim/providers/bravo/mode", "{\"mode\":\"silent-drop\"}");

        HttpResponse<String> response = twilioSend("bravo", "+447700900123", "swallowed");
        Thread.sleep(300);

        assertEquals(201, response.statusCode());
        assertTrue(response.body().contains("\"status\":\"queued\""), response.body());
        assertEquals("[]", send("GET", "/sim/messages?to=%2B447700900123", null).body());
    }

    @Test
    void aSlowProviderAnswersOnlyAfterItsDelay() throws Exception {
        send("PUT", "/sim/providers/alpha/mode", "{\"mode\":\"slow\"}");

        long started = System.nanoTime();
        HttpResponse<String> response = twilioSend("alpha", "+447700900123", "late");

        assertEquals(201, response.statusCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1400);
    }

    @Test
    void requestsWithoutCredentialsOrWithBadInputAreRefusedLikeTwilioDoes() throws Exception {
        HttpRequest noAuth = HttpRequest.newBuilder(URI.create(sim.providerBaseUrl("alpha") + "/2010-04-01/Accounts/AC1/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B447700900123&Body=x")).build();
        assertEquals(401, HTTP.send(noAuth, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(400, twilioSend("alpha", "07700900123", "not E.164").statusCode());
        assertEquals(404, twilioSend("nobody", "+447700900123", "x").statusCode());
        assertEquals(400, send("PUT", "/sim/providers/alpha/mode", "{\"mode\":\"broken\"}").statusCode());
        assertEquals(404, send("PUT", "/sim/providers/nobody/mode", "{\"mode\":\"ok\"}").statusCode());
    }

    private static HttpResponse<String> twilioSend(String provider, String to, String body) throws Exception {
        String form = "To=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&From=Lifeline&Body="
                + URLEncoder.encode(body, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.providerBaseUrl(provider) + "/2010-04-01/Accounts/AC1/Messages.json"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("AC1:token".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path));
        builder = json == null ? builder.method(method, HttpRequest.BodyPublishers.noBody())
                : builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String awaitMessages(String to, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        String body = "";
        while (System.currentTimeMillis() < deadline) {
            body = send("GET", "/sim/messages?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8), null).body();
            if (body.split("\"sid\"").length - 1 >= count) {
                return body;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected " + count + " messages, got " + body);
    }
}
