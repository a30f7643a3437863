package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alerts, checked by Prometheus' own tool: the PrometheusRule's rules parse and each expression
 * is valid PromQL ({@code promtool check rules}), and each alert fires when its story happens and
 * stays quiet otherwise ({@code promtool test rules}, deploy/prometheus/lifeline-rules.test.yaml).
 */
class AlertRulesTest {

    private static final Path WORK = Path.of("target", "promtool");

    @BeforeAll
    static void extractTheRules() throws Exception {
        JsonNode rule = Manifests.parse(Files.readString(Manifests.K8S.resolve("base/monitoring.yaml"))).stream()
                .filter(object -> object.path("kind").asText().equals("PrometheusRule"))
                .findFirst().orElseThrow(() -> new AssertionError("monitoring.yaml has no PrometheusRule"));
        Files.createDirectories(WORK);
        new ObjectMapper(new YAMLFactory()).writeValue(WORK.resolve("rules.yaml").toFile(), rule.path("spec"));
        Files.copy(Path.of("prometheus", "lifeline-rules.test.yaml"), WORK.resolve("lifeline-rules.test.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void everyRuleIsValidPromQl() {
        String output = Manifests.run("promtool", "check", "rules", WORK.resolve("rules.yaml").toString());
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void eachAlertFiresOnItsStoryAndOnlyThen() {
        String output = Manifests.run("promtool", "test", "rules", WORK.resolve("lifeline-rules.test.yaml").toString());
        assertTrue(output.contains("SUCCESS"), output);
    }
}
