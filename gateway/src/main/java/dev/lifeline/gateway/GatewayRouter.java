package dev.lifeline.gateway;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;

/**
 * Puts the edge checks in front of every {@code /api} request and forwards it, unchanged, to the
 * service {@link ServiceRoutes} names, through Vert.x's reverse proxy.
 */
@ApplicationScoped
public class GatewayRouter {

    private final GatewayConfig config;
    private final Vertx vertx;

    public GatewayRouter(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        EdgeLimits limits = new EdgeLimits(config);
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout((int) config.connectTimeout().toMillis()).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(200));

        router.route("/api/*").order(-100).handler(limits::handle);
        for (ServiceRoutes.Route route : ServiceRoutes.ROUTES) {
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .origin(context -> context.client().request(new RequestOptions()
                            .setServer(addressOf(route.service()))
                            .setIdleTimeout(config.upstreamTimeout().toMillis())))
                    .addInterceptor(new UpstreamFailures(route.service()));
            router.route(route.pathPrefix()).handler(ProxyHandler.create(proxy));
            router.route(route.pathPrefix() + "/*").handler(ProxyHandler.create(proxy));
        }
    }

    private SocketAddress addressOf(String service) {
        URI uri = config.services().get(service);
        if (uri == null) {
            throw new IllegalStateException("lifeline.gateway.services." + service + " is not configured");
        }
        return SocketAddress.inetSocketAddress(uri.getPort(), uri.getHost());
    }

    void validateAtStartup(@Observes StartupEvent event) {
        ServiceRoutes.ROUTES.forEach(route -> addressOf(route.service()));
    }
}
