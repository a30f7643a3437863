package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each overlay, read as an SRE would before applying it: every pod restricted, probed and given the
 * memory its JVM flags need; every Secret and ConfigMap key a pod reads made by the overlay, by an
 * operator, or listed in deploy/README.md for a person to provide; every Deployment under a
 * disruption budget, an ingress policy and a PodMonitor; Strimzi's current API only.
 */
class OverlaysTest {

    /** Code cache, thread stacks, direct buffers and the rest of a JVM beyond heap and metaspace. */
    private static final int JVM_OVERHEAD_MIB = 64;
    /** Each hashing worker's native memory: Argon2id at OWASP's 19 MiB. */
    private static final int HASHING_WORKER_MIB = 19;
    private static final Pattern README_SECRET = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| ([^|]+) \\|");

    @ParameterizedTest
    @ValueSource(strings = {"local", "prod"})
    void everyPodRunsRestricted(String overlay) {
        deployments(overlay).forEach(deployment -> {
            String who = overlay + ": " + Manifests.name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), who + " may run as root");
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), who);
            assertEquals("false", pod.path("automountServiceAccountToken").asText(), who + " gets an API token it never uses");
            for (JsonNode container : pod.path("containers")) {
                JsonNode context = container.path("securityContext");
                assertEquals("false", context.path("allowPrivilegeEscalation").asText(), who);
                assertTrue(context.path("readOnlyRootFilesystem").asBoolean(), who + " can write its root filesystem");
                assertEquals("[\"ALL\"]", context.path("capabilities").path("drop").toString(), who + " keeps capabilities");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "prod"})
    void everyPodIsProbedAndHasTheMemoryItsJvmFlagsNeed(String overlay) {
        deployments(overlay).forEach(deployment -> {
            String who = overlay + ": " + Manifests.name(deployment);
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText(), who);
            assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), who);
            assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), who);
            JsonNode resources = container.path("resources");
            assertEquals(resources.path("requests").path("memory").asText(), resources.path("limits").path("memory").asText(),
                    who + ": memory request and limit differ (the pod could be killed for what it was promised)");
            Map<String, String> env = plainEnv(container);
            String flags = env.getOrDefault("JAVA_OPTS_APPEND", "");
            int needed = mib(flags, "-Xmx") + mib(flags, "-XX:MaxMetaspaceSize=") + JVM_OVERHEAD_MIB
                    + HASHING_WORKER_MIB * Integer.parseInt(env.getOrDefault("LIFELINE_HASHING_WORKERS", "0"));
            int limit = Integer.parseInt(resources.path("limits").path("memory").asText().replace("Mi", ""));
            assertTrue(limit >= needed, who + ": " + limit + " MiB for a JVM that may take " + needed + " MiB (" + flags + ")");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "prod"})
    void everySecretAndSettingAPodReadsExists(String overlay) throws IOException {
        Manifests manifests = Manifests.of(overlay);
        Map<String, Set<String>> provided = secretsPeopleProvide();
        List<String> missing = new ArrayList<>();
        manifests.ofKind("Deployment").forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode variable : container.path("env")) {
                    JsonNode from = variable.path("valueFrom");
                    if (from.has("configMapKeyRef")) {
                        JsonNode ref = from.path("configMapKeyRef");
                        boolean made = manifests.named("ConfigMap", ref.path("name").asText())
                                .map(map -> map.path("data").has(ref.path("key").asText())).orElse(false);
                        if (!made) {
                            missing.add(Manifests.name(deployment) + " " + variable.path("name").asText() + ": ConfigMap " + ref);
                        }
                    }
                    if (from.has("secretKeyRef")) {
                        JsonNode ref = from.path("secretKeyRef");
                        if (!secretExists(manifests, provided, ref.path("name").asText(), ref.path("key").asText())) {
                            missing.add(Manifests.name(deployment) + " " + variable.path("name").asText() + ": Secret " + ref);
                        }
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("secret") && !secretExists(manifests, provided, volume.path("secret").path("secretName").asText(), null)) {
                    missing.add(Manifests.name(deployment) + " volume " + volume.path("name").asText() + ": " + volume.path("secret"));
                }
            }
        });
        manifests.ofKind("Gateway").forEach(gateway -> gateway.path("spec").path("listeners").forEach(listener ->
                listener.path("tls").path("certificateRefs").forEach(certificate -> {
                    if (!secretExists(manifests, provided, certificate.path("name").asText(), null)) {
                        missing.add("Gateway " + Manifests.name(gateway) + ": certificate " + certificate);
                    }
                })));
        assertEquals(List.of(), missing, overlay + ": read by a pod, but nobody makes it (nor does deploy/README.md ask for it)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "prod"})
    void everyDeploymentHasADisruptionBudgetAnIngressPolicyAndAPodMonitor(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        manifests.ofKind("Deployment").forEach(deployment -> {
            String who = overlay + ": " + Manifests.name(deployment);
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            assertTrue(manifests.ofKind("PodDisruptionBudget").anyMatch(budget -> selects(budget.path("spec").path("selector"), labels)),
                    who + " has no PodDisruptionBudget");
            assertTrue(manifests.ofKind("NetworkPolicy").anyMatch(policy -> policy.path("spec").path("policyTypes").toString().contains("Ingress")
                            && !policy.path("spec").path("podSelector").isEmpty()
                            && selects(policy.path("spec").path("podSelector"), labels)),
                    who + " is reachable only through the default deny: nothing lets its callers in");
            assertTrue(manifests.ofKind("PodMonitor").anyMatch(monitor -> selects(monitor.path("spec").path("selector"), labels)),
                    who + " is not scraped");
        });
        assertTrue(manifests.ofKind("NetworkPolicy").anyMatch(policy -> policy.path("spec").path("podSelector").isEmpty()
                && policy.path("spec").path("policyTypes").size() == 2 && !policy.path("spec").has("ingress")
                && !policy.path("spec").has("egress")), overlay + ": no default-deny NetworkPolicy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "prod"})
    void kafkaIsDescribedWithStrimzisCurrentApi(String overlay) {
        List<String> old = Manifests.of(overlay).objects().stream()
                .filter(object -> object.path("apiVersion").asText().startsWith("kafka.strimzi.io/"))
                .filter(object -> !object.path("apiVersion").asText().equals("kafka.strimzi.io/v1"))
                .map(object -> object.path("kind").asText() + " " + Manifests.name(object)).toList();
        assertEquals(List.of(), old, "kafka.strimzi.io/v1beta2 is gone from current Strimzi operators");
    }

    private static List<JsonNode> deployments(String overlay) {
        List<JsonNode> deployments = Manifests.of(overlay).ofKind("Deployment").toList();
        assertEquals(5, deployments.size(), overlay + ": the four services and the gateway");
        return deployments;
    }

    private static Map<String, String> plainEnv(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(variable -> {
            if (variable.has("value")) {
                env.put(variable.path("name").asText(), variable.path("value").asText());
            }
        });
        return env;
    }

    private static int mib(String flags, String flag) {
        Matcher matcher = Pattern.compile(Pattern.quote(flag) + "(\\d+)([mMgG])").matcher(flags);
        assertTrue(matcher.find(), "no " + flag + " in " + flags + ": the JVM would size itself from the node, not the pod");
        int value = Integer.parseInt(matcher.group(1));
        return matcher.group(2).equalsIgnoreCase("g") ? value * 1024 : value;
    }

    /** Made in the overlay, made by an operator from a resource of the overlay, or listed in deploy/README.md. */
    private static boolean secretExists(Manifests manifests, Map<String, Set<String>> provided, String name, String key) {
        boolean generated = manifests.named("Secret", name).map(secret -> key == null || secret.path("data").has(key)).orElse(false);
        // CloudNativePG: <cluster>-app (username, password, uri, ...); Strimzi: one per KafkaUser (password), the cluster CA
        boolean byOperator = (name.endsWith("-app") && manifests.named("Cluster", name.substring(0, name.length() - 4)).isPresent())
                || (manifests.named("KafkaUser", name).isPresent() && (key == null || key.equals("password")))
                || (name.endsWith("-cluster-ca-cert") && manifests.named("Kafka", name.replace("-cluster-ca-cert", "")).isPresent());
        boolean byPerson = provided.containsKey(name) && (key == null || provided.get(name).contains(key));
        return generated || byOperator || byPerson;
    }

    /** deploy/README.md, "Secrets you provide": one row per Secret, its keys in backticks. */
    private static Map<String, Set<String>> secretsPeopleProvide() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Secrets you provide"));
        Map<String, Set<String>> secrets = new HashMap<>();
        Matcher row = README_SECRET.matcher(section);
        while (row.find()) {
            Set<String> keys = new HashSet<>();
            Matcher key = Pattern.compile("`([^`]+)`").matcher(row.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
            secrets.put(row.group(1), keys);
        }
        return secrets;
    }

    /** A Kubernetes label selector (matchLabels, matchExpressions with In and Exists) against a pod's labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        boolean matches = true;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) () -> selector.path("matchLabels").fields()) {
            matches &= entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null));
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            matches &= switch (expression.path("operator").asText()) {
                case "In" -> value != null && StreamSupport.stream(expression.path("values").spliterator(), false)
                        .anyMatch(candidate -> candidate.asText().equals(value));
                case "Exists" -> value != null;
                default -> false;
            };
        }
        return matches;
    }
}
