package dev.lifeline.gateway;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the services' documents become one; plain JUnit, no services. */
@Tag("unit")
class ApiDocumentTest {

    private static JsonObject document(String path, String schemaName, JsonObject schema) {
        JsonObject operation = new JsonObject().put("post", new JsonObject().put("summary", "s")
                .put("requestBody", new JsonObject().put("content", new JsonObject().put("application/json",
                        new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/" + schemaName))))));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("paths", new JsonObject().put(path, operation).put("/internal/secret", operation.copy()))
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject().put(schemaName, schema)
                                .put("Problem", new JsonObject().put("type", "object")))
                        .put("securitySchemes", new JsonObject().put("SecurityScheme",
                                new JsonObject().put("type", "http").put("scheme", "bearer"))));
    }

    @Test
    void keepsThePathsTheGatewaySendsToEachServiceAndTellsClashingSchemasApart() {
        Map<String, JsonObject> byService = new LinkedHashMap<>();
        byService.put("auth", document("/api/login", "Code", new JsonObject().put("type", "string")));
        byService.put("tickets", document("/api/recovery-tickets", "Code", new JsonObject().put("type", "integer")));
        // a path another service answers at the gateway is not this service's to publish
        byService.put("otp", document("/api/me/backup-codes", "Code", new JsonObject().put("type", "string")));

        JsonObject combined = ApiDocument.combine(byService, "1.2.3");

        JsonObject paths = combined.getJsonObject("paths");
        assertEquals(2, paths.size(), paths.fieldNames().toString());
        assertTrue(paths.containsKey("/api/login"));
        assertTrue(paths.containsKey("/api/recovery-tickets"));
        assertFalse(paths.containsKey("/internal/secret"));
        JsonObject schemas = combined.getJsonObject("components").getJsonObject("schemas");
        assertEquals("string", schemas.getJsonObject("Code").getString("type"));
        assertEquals("integer", schemas.getJsonObject("tickets.Code").getString("type"));
        assertEquals("#/components/schemas/tickets.Code", paths.getJsonObject("/api/recovery-tickets").getJsonObject("post")
                .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref"));
        assertTrue(schemas.containsKey("Problem"));
        assertFalse(schemas.containsKey("auth.Problem"), "alike schemas are kept once");
        assertEquals("bearer", combined.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("SecurityScheme").getString("scheme"));
        assertEquals("1.2.3", combined.getJsonObject("info").getString("version"));
    }
}
