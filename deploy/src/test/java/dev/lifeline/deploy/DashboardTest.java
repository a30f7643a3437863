package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard for an SMS outage (deploy/grafana): every panel asks Prometheus something,
 * every query is PromQL that Prometheus' own tool accepts, and every panel links to the section of
 * docs/operations.md that says what to do about what it shows.
 */
class DashboardTest {

    @Test
    void everyPanelLinksToARunbookSectionThatExists() throws Exception {
        Set<String> sections = Files.readAllLines(Path.of("..", "docs", "operations.md")).stream()
                .filter(line -> line.startsWith("#")).map(DashboardTest::anchorOf).collect(Collectors.toSet());
        List<String> unlinked = new ArrayList<>();
        for (JsonNode panel : Queries.dashboard().path("panels")) {
            assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " asks Prometheus nothing");
            String url = panel.at("/links/0/url").asText();
            if (!url.startsWith("${runbook}#") || !sections.contains(url.substring(url.indexOf('#') + 1))) {
                unlinked.add(panel.path("title").asText() + " -> " + url);
            }
        }
        assertEquals(List.of(), unlinked, "panels whose runbook link leads nowhere in docs/operations.md");
        assertTrue(Queries.dashboard().at("/templating/list").findValuesAsText("name").containsAll(List.of("datasource", "runbook")));
    }

    @Test
    void everyQueryIsPromqlPrometheusAccepts() throws Exception {
        // each query as a recording rule, so `promtool check rules` parses it as Prometheus would
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode file = yaml.createObjectNode();
        ArrayNode rules = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
        List<String> queries = Queries.dashboardQueries();
        for (int i = 0; i < queries.size(); i++) {
            rules.addObject().put("record", "lifeline:dashboard_query_" + i).put("expr", queries.get(i));
        }
        Path work = Files.createDirectories(Path.of("target", "promtool"));
        yaml.writeValue(work.resolve("dashboard-queries.yaml").toFile(), file);
        String output = Manifests.run("promtool", "check", "rules", work.resolve("dashboard-queries.yaml").toString());
        assertTrue(output.contains("SUCCESS: " + queries.size() + " rules found"), output);
    }

    /** The anchor GitHub and most Markdown renderers give a heading: lower case, punctuation dropped, spaces to hyphens. */
    private static String anchorOf(String heading) {
        return heading.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
