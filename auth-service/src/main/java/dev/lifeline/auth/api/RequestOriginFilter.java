package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.RequestOrigin;
import dev.lifeline.security.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Records where each request came from, before any resource runs. */
public class RequestOriginFilter {

    private final RequestOrigin origin;

    public RequestOriginFilter(RequestOrigin origin) {
        this.origin = origin;
    }

    @ServerRequestFilter(preMatching = true)
    public void record(HttpServerRequest http) {
        origin.setClientAddress(ClientAddress.of(http));
    }
}
