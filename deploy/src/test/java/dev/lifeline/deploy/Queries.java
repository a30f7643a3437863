package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL the people on call depend on: the alerts' expressions and the dashboard's queries, and the metrics they read. */
final class Queries {

    static final Path RULES = Manifests.K8S.resolve("base").resolve("monitoring.yaml");
    static final Path DASHBOARD = Path.of("grafana", "lifeline-sms-outage.json");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?");

    private Queries() {
    }

    static List<String> alerts() throws IOException {
        List<String> expressions = new ArrayList<>();
        for (JsonNode object : Manifests.parse(Files.readString(RULES))) {
            if ("PrometheusRule".equals(object.path("kind").asText())) {
                for (JsonNode group : object.at("/spec/groups")) {
                    group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText()));
                }
            }
        }
        return expressions;
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    static List<String> dashboardQueries() throws IOException {
        List<String> expressions = new ArrayList<>();
        dashboard().path("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }

    /** The metric names an expression reads: what is left once label matchers, ranges, groupings and functions are taken out. */
    static Set<String> metricNames(String expression) {
        String bare = expression.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            boolean function = identifier.group(1) != null;
            String name = identifier.group().replaceAll("\\s*\\($", "");
            if (!function && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
