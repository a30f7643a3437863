package dev.lifeline.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the gateway checks before a request reaches a service: a request id to follow it through
 * the logs, the client's address passed on (never the client's own claim), a bounded body, and a
 * token bucket per client IP.
 */
final class EdgeLimits {

    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern ACCEPTABLE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private final long maxBodyBytes;
    private final Bandwidth perClient;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    EdgeLimits(GatewayConfig config) {
        this.maxBodyBytes = config.maxBodyBytes();
        this.perClient = Bandwidth.builder()
                .capacity(config.rateLimit().burst())
                .refillGreedy(config.rateLimit().perSecond(), Duration.ofSeconds(1))
                .build();
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId == null || !ACCEPTABLE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
            request.headers().set(REQUEST_ID, requestId);
        }
        ctx.response().putHeader(REQUEST_ID, requestId);
        String clientIp = request.remoteAddress().hostAddress();
        request.headers().set("X-Forwarded-For", clientIp);

        ConsumptionProbe probe = buckets.get(clientIp, ip -> Bucket.builder().addLimit(perClient).build())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            refuse(ctx, new EdgeProblem(429, "rate_limited", "Too Many Requests",
                    "Too many requests from your address; try again in " + retryAfter + " s."));
            return;
        }

        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLength(length) > maxBodyBytes) {
            refuse(ctx, new EdgeProblem(413, "payload_too_large", "Payload Too Large",
                    "Request bodies are limited to " + maxBodyBytes + " bytes."));
            return;
        }
        if (length == null && request.headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true)) {
            // a body of unknown length could not be held to the limit before it is forwarded
            refuse(ctx, new EdgeProblem(411, "length_required", "Length Required",
                    "Send request bodies with a Content-Length."));
            return;
        }
        ctx.next();
    }

    private static long parseLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static void refuse(RoutingContext ctx, EdgeProblem problem) {
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, EdgeProblem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.body());
    }
}
