package dev.lifeline.gateway;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** {@code lifeline.gateway.*}: where the services are and what the edge allows. */
@ConfigMapping(prefix = "lifeline.gateway")
public interface GatewayConfig {

    /** Base URL of each service, by the name {@link ServiceRoutes} uses. */
    Map<String, URI> services();

    /** How long a service may stay silent while answering before the client gets a 504. */
    Duration upstreamTimeout();

    Duration connectTimeout();

    /** Larger request bodies are refused with 413 before they reach a service. */
    long maxBodyBytes();

    RateLimit rateLimit();

    interface RateLimit {
        long burst();

        long perSecond();
    }
}
