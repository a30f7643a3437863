package dev.lifeline.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP for the benchmarks and drills. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Answer(int status, JsonNode body) {
        public String text(String field) {
            return body == null || body.get(field) == null ? null : body.get(field).asText();
        }
    }

    public Answer post(String url, Object body) {
        return call("POST", url, body, null);
    }

    public String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build()).body();
    }

    /** Any method, with an optional JSON body and an optional bearer token. */
    public Answer call(String method, String url, Object body, String bearerToken) {
        return call(method, url, body, bearerToken, null);
    }

    /**
     * The same, from the client address {@code from} when not null: the local stack's gateway believes
     * {@code X-Forwarded-For} from loopback, so a drill can be many people on many networks.
     */
    public Answer call(String method, String url, Object body, String bearerToken, String from) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (bearerToken != null) {
                request.header("Authorization", "Bearer " + bearerToken);
            }
            if (from != null) {
                request.header("X-Forwarded-For", from);
            }
            HttpResponse<String> response = send(request.build());
            return new Answer(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method(request) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String method(HttpRequest request) {
        return request.method() + " " + request.uri();
    }
}
