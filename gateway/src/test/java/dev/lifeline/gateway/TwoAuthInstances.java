package dev.lifeline.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two instances of auth-service for the gateway to balance ({@code auth-1}, {@code auth-2}), each
 * answering with its name, counting what it received, saying whether it is ready as told, and able
 * to be stopped. A path ending in {@code /drop} is read and then its connection closed unanswered:
 * an instance that dies while working on a request. The other services are single stand-ins.
 */
public class TwoAuthInstances implements QuarkusTestResourceLifecycleManager {

    private static final Vertx VERTX = Vertx.vertx();
    static final Map<String, HttpServer> SERVERS = new ConcurrentHashMap<>();
    static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
    static final Map<String, Boolean> READY = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("lifeline.gateway.services.auth", "http://127.0.0.1:" + start("auth-1", 0) + ",http://127.0.0.1:" + start("auth-2", 0));
        for (String service : new String[] {"otp", "backup-codes", "tickets"}) {
            config.put("lifeline.gateway.services." + service, "http://127.0.0.1:" + start(service, 0));
        }
        config.put("lifeline.gateway.probe-every", "PT0.2S");
        return config;
    }

    @Override
    public void stop() {
        SERVERS.values().forEach(server -> server.close());
    }

    static void stop(String instance) throws Exception {
        SERVERS.remove(instance).close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static int start(String instance, int port) {
        READY.put(instance, true);
        RECEIVED.computeIfAbsent(instance, name -> new AtomicInteger());
        try {
            HttpServer server = VERTX.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                if (request.path().equals("/q/health/ready")) {
                    request.response().setStatusCode(READY.get(instance) ? 200 : 503).end();
                    return;
                }
                RECEIVED.get(instance).incrementAndGet();
                if (request.path().endsWith("/drop")) {
                    request.connection().close();
                    return;
                }
                request.response().putHeader("Content-Type", "application/json").putHeader("X-Instance", instance)
                        .end(new JsonObject().put("instance", instance).put("method", request.method().name())
                                .put("path", request.path()).put("requestId", request.getHeader("X-Request-Id")).encode());
            })).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            SERVERS.put(instance, server);
            PORTS.put(instance, server.actualPort());
            return server.actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + instance, e);
        }
    }
}
