package dev.lifeline.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;

/**
 * Declares in every service's OpenAPI document ({@code /q/openapi}) what {@link ProblemMappers} does:
 * any operation may answer a 4xx, or a 503 while something it needs is out of reach, as
 * {@code application/problem+json} with a stable {@code code} to act on.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(ProblemResponses::declare));
    }

    private static void declare(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        // the 400, 401 and 403 Quarkus declares by itself say nothing of their body
        responses.getAPIResponses().forEach((status, response) -> {
            if (!status.startsWith("2") && response.getContent() == null) {
                response.setContent(problemContent());
            }
        });
        if (!responses.hasAPIResponse("4XX")) {
            responses.addAPIResponse("4XX", OASFactory.createAPIResponse()
                    .description("Refused: the request is wrong, not allowed or too soon. `code` says which, and stays the same "
                            + "across versions; a 401 means sign in, a 429 comes with `Retry-After`.")
                    .content(problemContent()));
        }
        if (!responses.hasAPIResponse("503")) {
            responses.addAPIResponse("503", OASFactory.createAPIResponse()
                    .description("Something this needs is out of reach for a moment; nothing was changed. Try again after "
                            + "`Retry-After` seconds (`code`: for example `database_unavailable`, `sms_degraded`).")
                    .content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details. Members beside these (for example `attemptsLeft`, `alternatives`, "
                        + "`violations`) depend on `code`.")
                .properties(Map.of(
                        "type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("urn:lifeline:problem:<code>"),
                        "title", text,
                        "status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                        "detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("A sentence for people."),
                        "code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                .description("Stable and machine-readable: what the client acts on.")))
                .addRequired("code").addRequired("status").addRequired("title")
                .additionalPropertiesBoolean(true);
    }
}
