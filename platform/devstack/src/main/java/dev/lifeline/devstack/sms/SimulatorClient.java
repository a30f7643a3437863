package dev.lifeline.devstack.sms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The world around a running local stack as someone outside reads it: the texts each phone received
 * and the emails each address received, and the SMS providers broken on purpose, all over the
 * simulator's HTTP ({@code /sim/...}). The drills ({@code ./lifeline drill}) and the acceptance tests
 * read people's phones and mailboxes through this one client.
 */
public final class SimulatorClient {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    private static final Duration POLL = Duration.ofMillis(100);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public SimulatorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A text a phone received, through {@code provider}, accepted by it at {@code acceptedAt}. */
    public record Text(String provider, String body, Instant acceptedAt) {
        /** The six-digit code in it, if any. */
        public Optional<String> code() {
            return codeIn(body);
        }
    }

    /** An email an address received. */
    public record Mail(String subject, String text) {
        /** The six-digit code in it, if any. */
        public Optional<String> code() {
            return codeIn(text);
        }
    }

    /** The texts {@code phone} received, oldest first. */
    public List<Text> texts(String phone) {
        return objects(get("/sim/messages?to=" + encoded(phone)))
                .map(message -> new Text(message.getString("provider"), message.getString("body"),
                        Instant.parse(message.getString("acceptedAt")))).toList();
    }

    /** The {@code nth} text {@code phone} received (1 is the first), waiting up to {@code timeout}; empty if it never came. */
    public Optional<Text> awaitText(String phone, int nth, Duration timeout) {
        return awaitUntil(() -> texts(phone), texts -> texts.size() >= nth, timeout).map(texts -> texts.get(nth - 1));
    }

    /** The emails {@code to} received, oldest first. */
    public List<Mail> mail(String to) {
        return objects(get("/sim/mail?to=" + encoded(to)))
                .map(mail -> new Mail(mail.getString("subject"), mail.getString("text"))).toList();
    }

    /** The emails titled {@code subject} that {@code to} received, oldest first. */
    public List<Mail> mail(String to, String subject) {
        return mail(to).stream().filter(mail -> subject.equals(mail.subject())).toList();
    }

    /** The {@code nth} email titled {@code subject} to {@code to}, waiting up to {@code timeout}; empty if it never came. */
    public Optional<Mail> awaitMail(String to, String subject, int nth, Duration timeout) {
        return awaitUntil(() -> mail(to, subject), mails -> mails.size() >= nth, timeout).map(mails -> mails.get(nth - 1));
    }

    /** The simulated providers' names. */
    public List<String> providers() {
        return objects(get("/sim/providers")).map(provider -> provider.getString("name")).toList();
    }

    /** Every provider behaves as {@code mode} from now on: ok, fail, slow or silent-drop. */
    public void setProviders(ProviderMode mode) {
        for (String provider : providers()) {
            send(HttpRequest.newBuilder(URI.create(baseUrl + "/sim/providers/" + provider + "/mode"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("mode", mode.wireName()).encode())));
        }
    }

    private static Optional<String> codeIn(String text) {
        Matcher matcher = CODE.matcher(text == null ? "" : text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static <T> Optional<T> awaitUntil(Supplier<T> read, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return Optional.of(value);
            }
            if (System.nanoTime() - deadline > 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static java.util.stream.Stream<JsonObject> objects(String json) {
        return new JsonArray(json).stream().map(JsonObject.class::cast);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the simulator answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("the simulator at " + baseUrl + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
