package dev.lifeline.acceptance;

import io.restassured.path.json.JsonPath;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API as a frontend developer gets it: one OpenAPI document at the gateway, read by the parser
 * client generators use, that says truthfully which calls need a token.
 */
class ApiDocumentTest {

    private final RunningSystem system = RunningSystem.get();

    private String document() {
        return given().baseUri(system.gatewayUrl()).get("/api/openapi").then()
                .statusCode(200).contentType("application/json").extract().asString();
    }

    @Test
    void oneDocumentHoldsThePublicApiOfEveryServiceAndAStandardParserAcceptsIt() {
        String text = document();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        assertNotNull(parsed.getOpenAPI(), "not an OpenAPI document: " + parsed.getMessages());
        assertEquals(List.of(), parsed.getMessages(), "what the parser found wrong");

        JsonPath document = JsonPath.from(text);
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        for (String contractPath : List.of("/api/accounts", "/api/login", "/api/login/challenges/{id}/verify",
                "/api/me/backup-codes", "/api/me/2fa/totp", "/api/recovery-tickets", "/api/agent/tickets",
                "/api/ops/sms-health", "/api/ops/tickets")) {
            assertTrue(paths.containsKey(contractPath), contractPath + " is missing");
        }
        assertTrue(paths.keySet().stream().noneMatch(path -> path.startsWith("/internal")),
                "service-to-service paths are not the public API: " + paths.keySet());
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            assertTrue(operation.get("summary") instanceof String s && !s.isBlank(), method + " " + path + " has no summary");
            Map<?, ?> refusal = (Map<?, ?>) ((Map<?, ?>) operation.get("responses")).get("4XX");
            assertNotNull(refusal, method + " " + path + " does not declare its refusals");
            assertTrue(((Map<?, ?>) refusal.get("content")).containsKey("application/problem+json"));
        }));
        assertEquals("bearer", document.getString("components.securitySchemes.SecurityScheme.scheme"));
    }

    @Test
    void everyCallTheDocumentSaysNeedsATokenIsRefusedWithoutOne() {
        Map<String, Map<String, Map<String, Object>>> paths = JsonPath.from(document()).getMap("paths");
        List<String> checked = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (operation.get("security") == null) {
                return;
            }
            String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            int status = given().baseUri(system.gatewayUrl()).contentType("application/json").body("{}")
                    .request(method.toUpperCase(), concrete).then().extract().statusCode();
            assertEquals(401, status, method + " " + path + " is documented as needing a token");
            checked.add(method + " " + path);
        }));
        assertTrue(checked.size() > 30, "only " + checked);
        assertTrue(checked.contains("get /api/me"));
        assertTrue(!checked.contains("post /api/login"), "signing in cannot need a token");
    }
}
