package dev.lifeline.security;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from. Services sit behind the gateway, which puts the client's own
 * address in {@code X-Forwarded-For}, replacing whatever the client claimed there.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest http) {
        String forwarded = http.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
