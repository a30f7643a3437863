package dev.lifeline.auth;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * ticket-service's confirmation endpoint, played by the test: it answers for the tickets a test put
 * in {@link #TICKETS} (id → JSON of the ticket) and 404 for any other, and keeps the Authorization
 * headers it was sent. The real ticket-service answers in the acceptance tests.
 */
public final class StandInTicketService implements QuarkusTestResourceLifecycleManager {

    static final Map<UUID, String> TICKETS = new ConcurrentHashMap<>();
    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/recovery-tickets/", exchange -> {
            AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String id = exchange.getRequestURI().getPath().substring("/internal/recovery-tickets/".length());
            String ticket = TICKETS.get(UUID.fromString(id));
            byte[] body = (ticket == null ? "{\"code\":\"ticket_not_found\"}" : ticket).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", ticket == null ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(ticket == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.ticket-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
