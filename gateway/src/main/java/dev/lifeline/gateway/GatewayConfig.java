package dev.lifeline.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code lifeline.gateway.*}: where the services are and what the edge allows. */
@ConfigMapping(prefix = "lifeline.gateway")
public interface GatewayConfig {

    /**
     * Base URL of each instance of each service (comma-separated), by the name {@link ServiceRoutes}
     * uses. One URL is enough behind a load-balancing Service (Kubernetes); several are balanced here.
     */
    Map<String, List<URI>> services();

    /** How often each instance is asked whether it is ready. */
    @WithDefault("PT1S")
    Duration probeEvery();

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
