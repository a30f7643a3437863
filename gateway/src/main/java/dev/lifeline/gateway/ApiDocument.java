package dev.lifeline.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/openapi}: the whole public API as one OpenAPI document, made from each service's own
 * ({@code /q/openapi}) when asked. It keeps exactly the paths this gateway sends to that service, so
 * service-to-service endpoints never show; schemas two services name alike but define differently
 * are told apart by the service's name.
 */
final class ApiDocument {

    static final String PATH = "/api/openapi";
    private static final Logger LOG = Logger.getLogger(ApiDocument.class);
    private static final String SCHEMA_REF = "#/components/schemas/";

    private final Map<String, Upstreams> upstreams;
    private final HttpClient client;
    private final Duration timeout;
    private final String version;

    ApiDocument(Map<String, Upstreams> upstreams, HttpClient client, Duration timeout, String version) {
        this.upstreams = upstreams;
        this.client = client;
        this.timeout = timeout;
        this.version = version;
    }

    void handle(RoutingContext ctx) {
        Map<String, Future<JsonObject>> asked = new LinkedHashMap<>();
        upstreams.forEach((service, instances) -> asked.put(service, fetch(instances.inTurn())));
        Future.all(List.copyOf(asked.values())).onComplete(all -> {
            if (all.failed()) {
                LOG.warnf("a service's API document could not be read: %s", all.cause().toString());
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
                EdgeLimits.refuse(ctx, new EdgeProblem(503, "api_document_unavailable", "Service Unavailable",
                        "A service did not give its part of the API document; try again in a few seconds."));
                return;
            }
            Map<String, JsonObject> documents = new LinkedHashMap<>();
            asked.forEach((service, document) -> documents.put(service, document.result()));
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(combine(documents, version).encodePrettily());
        });
    }

    /** The document of the first instance (in turn) that answers. */
    private Future<JsonObject> fetch(List<Upstreams.Instance> instances) {
        Future<JsonObject> attempt = Future.failedFuture("no instance");
        for (Upstreams.Instance instance : instances) {
            attempt = attempt.recover(failure -> client
                    .request(new RequestOptions().setServer(instance.address).setMethod(HttpMethod.GET)
                            .setURI("/q/openapi?format=json").setTimeout(timeout.toMillis()))
                    .compose(request -> request.send())
                    .compose(response -> response.statusCode() == 200
                            ? response.body().map(body -> new JsonObject(body))
                            : Future.failedFuture(instance + " answered " + response.statusCode())));
        }
        return attempt;
    }

    /** One document from each service's, by the service names {@link ServiceRoutes} uses. */
    static JsonObject combine(Map<String, JsonObject> byService, String version) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonObject securitySchemes = new JsonObject();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        String openapi = "3.1.0";
        for (Map.Entry<String, JsonObject> entry : byService.entrySet()) {
            String service = entry.getKey();
            JsonObject document = renamedApart(entry.getValue(), service, schemas);
            openapi = document.getString("openapi", openapi);
            JsonObject components = document.getJsonObject("components", new JsonObject());
            components.getJsonObject("schemas", new JsonObject()).forEach(schema -> schemas.put(schema.getKey(), schema.getValue()));
            components.getJsonObject("securitySchemes", new JsonObject())
                    .forEach(scheme -> securitySchemes.put(scheme.getKey(), scheme.getValue()));
            document.getJsonObject("paths", new JsonObject()).forEach(path -> {
                boolean routedHere = ServiceRoutes.forPath(path.getKey()).map(route -> route.service().equals(service)).orElse(false);
                if (routedHere) {
                    paths.put(path.getKey(), path.getValue());
                }
            });
            document.getJsonArray("tags", new JsonArray()).forEach(tag -> tags.putIfAbsent(((JsonObject) tag).getString("name"), (JsonObject) tag));
        }
        JsonObject sortedPaths = new JsonObject();
        paths.fieldNames().stream().sorted().forEach(path -> sortedPaths.put(path, paths.getValue(path)));
        return new JsonObject()
                .put("openapi", openapi)
                .put("info", new JsonObject()
                        .put("title", "Lifeline")
                        .put("version", version)
                        .put("description", "Two-factor sign-in that survives SMS outages: every path a client calls, through this "
                                + "gateway. Refusals are `application/problem+json` with a stable `code`; signed-in calls carry "
                                + "the access token from sign-in as `Authorization: Bearer`."))
                .put("tags", new JsonArray(List.copyOf(tags.values())))
                .put("paths", sortedPaths)
                .put("components", new JsonObject().put("schemas", schemas).put("securitySchemes", securitySchemes));
    }

    /**
     * {@code document} with each schema whose name is already taken by a different schema renamed
     * {@code <service>.<name>}, everywhere it is referred to.
     */
    private static JsonObject renamedApart(JsonObject document, String service, JsonObject taken) {
        JsonObject schemas = document.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
        List<String> clashing = schemas.fieldNames().stream()
                .filter(name -> taken.containsKey(name) && !taken.getValue(name).equals(schemas.getValue(name)))
                .toList();
        if (clashing.isEmpty()) {
            return document;
        }
        String text = document.encode();
        for (String name : clashing) {
            text = text.replace("\"" + SCHEMA_REF + name + "\"", "\"" + SCHEMA_REF + service + "." + name + "\"");
        }
        JsonObject renamed = new JsonObject(text);
        JsonObject renamedSchemas = renamed.getJsonObject("components").getJsonObject("schemas");
        clashing.forEach(name -> renamedSchemas.put(service + "." + name, renamedSchemas.remove(name)));
        return renamed;
    }
}
