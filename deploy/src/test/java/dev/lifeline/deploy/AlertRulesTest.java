package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void everyAlertLinksToItsRunbookInTheOperationsDoc() throws Exception {
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        List<String> missing = new ArrayList<>();
        for (JsonNode group : new ObjectMapper(new YAMLFactory()).readTree(WORK.resolve("rules.yaml").toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                String runbook = rule.path("annotations").path("runbook_url").asText();
                if (!runbook.equals("docs/operations.md#" + alert.toLowerCase(Locale.ROOT)) || !operations.contains("\n### " + alert + "\n")) {
                    missing.add(alert + " (" + runbook + ")");
                }
            }
        }
        assertEquals(List.of(), missing, "alerts without a runbook section in docs/operations.md");
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
