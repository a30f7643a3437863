package dev.lifeline.gateway;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Puts the edge checks in front of every {@code /api} request and forwards it, unchanged, to an
 * instance of the service {@link ServiceRoutes} names ({@link Upstreams}), through Vert.x's reverse proxy.
 */
@ApplicationScoped
public class GatewayRouter {

    private final GatewayConfig config;
    private final Vertx vertx;
    private final String version;
    private final List<Long> probeTimers = new CopyOnWriteArrayList<>();

    public GatewayRouter(GatewayConfig config, Vertx vertx,
                         @ConfigProperty(name = "quarkus.application.version") String version) {
        this.config = config;
        this.vertx = vertx;
        this.version = version;
    }

    void install(@Observes Router router) {
        EdgeLimits limits = new EdgeLimits(config);
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout((int) config.connectTimeout().toMillis()).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(200));
        HttpClient probes = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.probeEvery().toMillis()).setKeepAlive(true));

        router.route("/api/*").order(-100).handler(limits::handle);
        Map<String, Upstreams> upstreams = new HashMap<>();
        for (ServiceRoutes.Route route : ServiceRoutes.ROUTES) {
            Upstreams instances = upstreams.computeIfAbsent(route.service(), service -> {
                Upstreams created = new Upstreams(service, config.services().get(service));
                probeTimers.add(created.probe(vertx, probes, config.probeEvery()));
                return created;
            });
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .origin(context -> Upstreams.connect(context.client(), instances.inTurn(), config.upstreamTimeout())
                            .map(connected -> {
                                context.set(UpstreamFailures.INSTANCE, connected.instance());
                                return connected.request();
                            }))
                    .addInterceptor(new UpstreamFailures(route.service(), instances, config.upstreamTimeout()));
            router.route(route.pathPrefix()).handler(ProxyHandler.create(proxy));
            router.route(route.pathPrefix() + "/*").handler(ProxyHandler.create(proxy));
        }
        router.get(ApiDocument.PATH).order(-30)
                .handler(new ApiDocument(upstreams, probes, config.upstreamTimeout(), version)::handle);
    }

    void stopProbing(@Observes ShutdownEvent event) {
        probeTimers.forEach(vertx::cancelTimer);
    }

    void validateAtStartup(@Observes StartupEvent event) {
        ServiceRoutes.ROUTES.forEach(route -> new Upstreams(route.service(), config.services().get(route.service())));
    }
}
