package dev.lifeline.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stand-ins for the four services that answer with what they received, so a test sees exactly what
 * the gateway forwarded. A path ending in {@code /hang} is never answered. Each can be stopped and
 * started again on its port, to play a service that is down.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    private static final Vertx VERTX = Vertx.vertx();
    private static final Map<String, HttpServer> SERVERS = new HashMap<>();
    private static final Map<String, Integer> PORTS = new HashMap<>();

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String service : new String[] {"auth", "otp", "backup-codes", "tickets"}) {
            if (!SERVERS.containsKey(service)) {
                start(service, 0);
            }
            config.put("lifeline.gateway.services." + service, "http://127.0.0.1:" + PORTS.get(service));
        }
        return config;
    }

    @Override
    public void stop() {
        // shared by the test classes of this JVM
    }

    static synchronized void stopService(String service) throws Exception {
        SERVERS.remove(service).close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static synchronized void startService(String service) {
        start(service, PORTS.get(service));
    }

    private static void start(String service, int port) {
        try {
            HttpServer server = VERTX.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                if (request.path().endsWith("/hang")) {
                    return;
                }
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("service", service)
                        .put("method", request.method().name())
                        .put("path", request.path())
                        .put("query", request.query())
                        .put("requestId", request.getHeader("X-Request-Id"))
                        .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                        .put("bodyLength", body.length())
                        .encode());
            })).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            SERVERS.put(service, server);
            PORTS.put(service, server.actualPort());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start fake " + service, e);
        }
    }
}
