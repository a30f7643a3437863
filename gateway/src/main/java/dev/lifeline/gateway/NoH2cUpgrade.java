package dev.lifeline.gateway;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway speaks HTTP/1.1 on its plain port and refuses the h2c upgrade. A client that asked
 * for it (Java's HttpClient does by default, {@code curl --http2} too) got its request proxied, but
 * when the instance behind dropped a write the gateway's 502 never reached it: the client waited
 * for its own timeout (the faults drill saw 30 s). Browsers use HTTP/2 only over TLS, which ends
 * in front of the gateway (the Ingress or Gateway API route), so nobody loses anything.
 */
@ApplicationScoped
public class NoH2cUpgrade implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
