package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What each overlay gives Kubernetes is what its API accepts: every object validated against the schema of
 * its apiVersion and kind (Kubernetes itself, Strimzi, CloudNativePG, the Prometheus Operator, Gateway API),
 * offline, as kubeconform would. The schemas come with the kubernetes-models packages, pinned by
 * deploy/schemas/package-lock.json; deploy/schemas/validate.mjs applies them.
 */
class SchemasTest {

    private static final Path SCHEMAS = Path.of("schemas");
    private static final Path WORK = Path.of("target", "schemas");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kinds no schema package describes yet, each with what checks it instead. */
    private static final Set<String> WITHOUT_SCHEMA = Set.of(
            "barmancloud.cnpg.io/v1 ObjectStore"); // the Barman Cloud plugin's store: written from its documentation, read in OverlaysTest

    @BeforeAll
    static void installTheSchemas() throws Exception {
        Path installed = SCHEMAS.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.exists(installed)
                || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(SCHEMAS.resolve("package-lock.json"))) < 0) {
            Manifests.run("npm", "ci", "--prefix", SCHEMAS.toString(), "--no-audit", "--no-fund");
        }
        Files.createDirectories(WORK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "prod"})
    void everyObjectIsWhatItsApiAccepts(String overlay) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (JsonNode result : validate(overlay, Manifests.of(overlay).objects())) {
            String kind = result.path("apiVersion").asText() + " " + result.path("kind").asText();
            switch (result.path("result").asText()) {
                case "valid" -> { }
                case "no schema" -> {
                    if (!WITHOUT_SCHEMA.contains(kind)) {
                        wrong.add(kind + " " + result.path("name").asText() + ": no schema to check it against");
                    }
                }
                default -> wrong.add(kind + " " + result.path("name").asText() + ": " + result.path("message").asText());
            }
        }
        assertEquals(List.of(), wrong, overlay + ": objects their API would refuse");
    }

    @Test
    void theSchemasRefuseWhatAnApiServerWould() throws Exception {
        // the validator is no rubber stamp: a count given as words, a pod with no container, a node pool with no role
        Manifests local = Manifests.of("local");
        ObjectNode deployment = local.named("Deployment", "auth-service").orElseThrow().deepCopy();
        ((ObjectNode) deployment.path("spec")).put("replicas", "two");
        ObjectNode noContainers = local.named("Deployment", "otp-service").orElseThrow().deepCopy();
        ((ObjectNode) noContainers.at("/spec/template/spec")).remove("containers");
        ObjectNode pool = local.ofKind("KafkaNodePool").findFirst().orElseThrow().deepCopy();
        ((ObjectNode) pool.path("spec")).remove("roles");

        List<String> verdicts = validate("broken", List.of(deployment, noContainers, pool)).stream()
                .map(result -> result.path("result").asText()).toList();
        assertEquals(List.of("invalid", "invalid", "invalid"), verdicts);
    }

    private static List<JsonNode> validate(String name, List<? extends JsonNode> objects) throws Exception {
        Path input = WORK.resolve(name + ".json");
        JSON.writeValue(input.toFile(), objects);
        List<JsonNode> results = new ArrayList<>();
        JSON.readTree(Manifests.run("node", SCHEMAS.resolve("validate.mjs").toString(), input.toString())).forEach(results::add);
        assertEquals(objects.size(), results.size(), "one verdict per object");
        return results;
    }
}
