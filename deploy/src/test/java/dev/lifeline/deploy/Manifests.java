package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What an overlay gives Kubernetes: {@code kubectl kustomize} of it, as a list of objects. */
record Manifests(String overlay, List<JsonNode> objects) {

    static final Path K8S = Path.of("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Builds the overlay with kubectl's own kustomize, as {@code kubectl apply -k} would. */
    static Manifests of(String overlay) {
        String rendered = run("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString());
        return new Manifests(overlay, parse(rendered));
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode object = it.next();
                if (object != null && !object.isNull() && !object.isEmpty()) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("not YAML: " + e.getMessage(), e);
        }
        return objects;
    }

    Stream<JsonNode> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText()));
    }

    Optional<JsonNode> named(String kind, String name) {
        return ofKind(kind).filter(object -> name.equals(object.path("metadata").path("name").asText())).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** Runs a tool of this machine (kubectl, promtool) and returns what it printed; fails with what it said. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            // as with the browser tests: skipped on a developer's machine without the tool, a failure in CI
            String missing = command[0] + " is not installed here (.ci/run makes sure it is): " + e.getMessage();
            if (System.getenv("CI") == null) {
                Assumptions.abort(missing);
            }
            throw new AssertionError(missing, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
