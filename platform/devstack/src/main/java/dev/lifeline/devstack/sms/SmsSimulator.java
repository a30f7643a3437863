package dev.lifeline.devstack.sms;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import dev.lifeline.contracts.providers.TwilioSignature;
import io.vertx.core.MultiMap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SMS providers that speak Twilio's Messages API, for the local stack and for tests. Each named
 * provider lives under {@code /providers/{name}}, so an adapter written for Twilio only needs a
 * different base URL. Providers can be broken on purpose with {@link ProviderMode}.
 */
public final class SmsSimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmsSimulator.class.getName());
    private static final int MAX_KEPT_MESSAGES = 10_000;

    private final Vertx vertx;
    private final WebClient callbacks;
    private final HttpServer server;
    private final Router router;
    private final Settings settings;
    private final Map<String, ProviderMode> modes = new LinkedHashMap<>();
    private final Deque<SimulatedMessage> delivered = new ArrayDeque<>();

    /**
     * @param deliveryDelay how long after acceptance a message counts as delivered
     * @param slowDelay     how long a provider in {@code slow} mode takes to answer
     */
    public record Settings(int port, List<String> providers, Duration deliveryDelay, Duration slowDelay) {
        public static Settings defaults(int port) {
            return new Settings(port, List.of("alpha", "bravo"), Duration.ofMillis(200), Duration.ofSeconds(5));
        }
    }

    private SmsSimulator(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.callbacks = WebClient.create(vertx);
        settings.providers().forEach(name -> modes.put(name, ProviderMode.OK));
        this.router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.post("/providers/:provider/2010-04-01/Accounts/:accountSid/Messages.json").handler(this::createMessage);
        router.get("/sim/messages").handler(this::listMessages);
        router.delete("/sim/messages").handler(this::clearMessages);
        router.get("/sim/providers").handler(this::listProviders);
        router.put("/sim/providers/:provider/mode").handler(this::setMode);
        try {
            this.server = vertx.createHttpServer().requestHandler(router)
                    .listen(settings.port(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("SMS simulator cannot listen on port " + settings.port(), e);
        }
    }

    public static SmsSimulator start(Settings settings) {
        return new SmsSimulator(Vertx.vertx(), settings);
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The base URL to give a Twilio client for the named provider. */
    public String providerBaseUrl(String provider) {
        return baseUrl() + "/providers/" + provider;
    }

    /** More of the outside world on the same address, e.g. the mailboxes at {@code /sim/mail}. */
    public void addRoutes(java.util.function.Consumer<Router> routes) {
        routes.accept(router);
    }

    public synchronized void setMode(String provider, ProviderMode mode) {
        if (!modes.containsKey(provider)) {
            throw new IllegalArgumentException("unknown provider '" + provider + "'");
        }
        modes.put(provider, mode);
        LOG.info(() -> "provider " + provider + " is now " + mode.wireName());
    }

    public synchronized List<SimulatedMessage> deliveredTo(String to) {
        return delivered.stream().filter(m -> to == null || m.to().equals(to)).toList();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "SMS simulator did not stop cleanly", e);
        }
    }

    private synchronized ProviderMode modeOf(String provider) {
        return modes.get(provider);
    }

    private void createMessage(RoutingContext ctx) {
        String provider = ctx.pathParam("provider");
        ProviderMode mode = modeOf(provider);
        if (mode == null) {
            twilioError(ctx, 404, 20404, "The requested resource was not found");
            return;
        }
        String accountSid = ctx.pathParam("accountSid");
        String authToken = authTokenFor(ctx, accountSid);
        if (authToken == null) {
            twilioError(ctx, 401, 20003, "Authenticate");
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        String to = form.get("To");
        String from = form.get("From");
        String body = form.get("Body");
        if (to == null || !to.matches("\\+[1-9][0-9]{6,14}")) {
            twilioError(ctx, 400, 21211, "The 'To' number is not a valid phone number.");
            return;
        }
        if (body == null || body.isBlank()) {
            twilioError(ctx, 400, 21602, "Message body is required.");
            return;
        }
        if (mode == ProviderMode.FAIL) {
            twilioError(ctx, 503, 20503, "Service Unavailable");
            return;
        }
        SimulatedMessage message = new SimulatedMessage("SM" + UUID.randomUUID().toString().replace("-", ""),
                provider, to, from, body, Instant.now(), ctx.request().getHeader("traceparent"));
        String callbackUrl = form.get("StatusCallback");
        Runnable accept = () -> {
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end(twilioMessage(message, accountSid, "queued").encode());
            if (mode != ProviderMode.SILENT_DROP) {
                vertx.setTimer(Math.max(1, settings.deliveryDelay().toMillis()), t -> deliver(message, accountSid, authToken, callbackUrl));
            }
        };
        if (mode == ProviderMode.SLOW) {
            vertx.setTimer(settings.slowDelay().toMillis(), t -> accept.run());
        } else {
            accept.run();
        }
    }

    /** Posts the receipt as Twilio does: form-encoded, signed with the account's auth token. */
    private void deliver(SimulatedMessage message, String accountSid, String authToken, String callbackUrl) {
        synchronized (this) {
            delivered.addLast(message);
            if (delivered.size() > MAX_KEPT_MESSAGES) {
                delivered.removeFirst();
            }
        }
        if (callbackUrl == null || callbackUrl.isBlank()) {
            return;
        }
        Map<String, String> receipt = Map.of(
                "MessageSid", message.sid(),
                "AccountSid", accountSid,
                "MessageStatus", "delivered",
                "To", message.to(),
                "From", message.from() == null ? "" : message.from());
        MultiMap callback = MultiMap.caseInsensitiveMultiMap();
        receipt.forEach(callback::add);
        callbacks.postAbs(callbackUrl)
                .putHeader(TwilioSignature.HEADER, TwilioSignature.sign(authToken, callbackUrl, receipt))
                .sendForm(callback).onFailure(e ->
                LOG.fine(() -> "delivery callback for " + message.sid() + " failed: " + e.getMessage()));
    }

    /** The auth token of the request's Basic credentials for {@code accountSid}; null when there are none. */
    private static String authTokenFor(RoutingContext ctx, String accountSid) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6)));
            boolean forAccount = decoded.startsWith(accountSid + ":") && decoded.length() > accountSid.length() + 1;
            return forAccount ? decoded.substring(accountSid.length() + 1) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonObject twilioMessage(SimulatedMessage message, String accountSid, String status) {
        return new JsonObject()
                .put("sid", message.sid())
                .put("account_sid", accountSid)
                .put("to", message.to())
                .put("from", message.from())
                .put("body", message.body())
                .put("status", status)
                .put("date_created", message.acceptedAt().toString());
    }

    private static void twilioError(RoutingContext ctx, int status, int code, String text) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("code", code).put("message", text).put("status", status).encode());
    }

    private void listMessages(RoutingContext ctx) {
        JsonArray messages = new JsonArray();
        for (SimulatedMessage m : deliveredTo(ctx.queryParams().get("to"))) {
            messages.add(new JsonObject()
                    .put("sid", m.sid())
                    .put("provider", m.provider())
                    .put("to", m.to())
                    .put("from", m.from())
                    .put("body", m.body())
                    .put("acceptedAt", m.acceptedAt().toString()));
        }
        ctx.json(messages);
    }

    private void clearMessages(RoutingContext ctx) {
        synchronized (this) {
            delivered.clear();
        }
        ctx.response().setStatusCode(204).end();
    }

    private void listProviders(RoutingContext ctx) {
        JsonArray providers = new JsonArray();
        synchronized (this) {
            modes.forEach((name, mode) -> providers.add(new JsonObject().put("name", name).put("mode", mode.wireName())));
        }
        ctx.json(providers);
    }

    private void setMode(RoutingContext ctx) {
        String provider = ctx.pathParam("provider");
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        try {
            if (body == null || body.getString("mode") == null) {
                throw new IllegalArgumentException("expected {\"mode\": \"ok\"|\"fail\"|\"slow\"|\"silent-drop\"}");
            }
            setMode(provider, ProviderMode.of(body.getString("mode")));
        } catch (IllegalArgumentException | ClassCastException e) {
            int status = modeOf(provider) == null ? 404 : 400;
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                    .end(new JsonObject().put("type", "about:blank").put("title", status == 404 ? "Not Found" : "Bad Request")
                            .put("status", status).put("detail", e.getMessage())
                            .put("code", status == 404 ? "unknown_provider" : "invalid_mode").encode());
            return;
        }
        ctx.json(new JsonObject().put("name", provider).put("mode", modeOf(provider).wireName()));
    }
}
