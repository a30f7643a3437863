package dev.lifeline.auth.client;

import dev.lifeline.auth.domain.AccessTokens;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code Authorization} header of auth-service's calls to other services' /internal endpoints:
 * a short-lived service token for exactly that service, made again when half its life is gone.
 */
@ApplicationScoped
public class ServiceTokens {

    private record Cached(String header, Instant renewAt) {
    }

    private final AccessTokens tokens;
    private final Clock clock;
    private final Map<String, Cached> byAudience = new ConcurrentHashMap<>();

    public ServiceTokens(AccessTokens tokens) {
        this.tokens = tokens;
        this.clock = Clock.systemUTC();
    }

    public String headerFor(String service) {
        Instant now = clock.instant();
        return byAudience.compute(service, (audience, cached) -> cached != null && now.isBefore(cached.renewAt())
                ? cached
                : new Cached("Bearer " + tokens.issueServiceToken(audience), now.plus(tokens.serviceTokenTtl().dividedBy(2))))
                .header();
    }
}
