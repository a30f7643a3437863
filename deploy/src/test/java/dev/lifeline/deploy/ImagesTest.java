package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The images a cluster runs, built the way a release builds them: {@code ./mvnw package -Pimages} with
 * quarkus-container-image-jib, no Docker daemon, pushed to a real OCI registry on this machine and read
 * back through the registry API as a cluster's pull would. Each image is {@code lifeline/<module>:<project
 * version>} (what the overlays' Deployments name), runs as the user of the pods' securityContext, exposes
 * the port the Deployment names, and carries that module's packaged application.
 *
 * <p>The base image a release builds on (Red Hat's OpenJDK 17 runtime, pinned in the parent pom) lives in a
 * registry this machine cannot reach, so this test pushes a one-layer stand-in under the same name and tag
 * to the local registry first. What is checked is Lifeline's part of the image, not the JDK under it.
 */
class ImagesTest {

    private static final List<String> MODULES = List.of("auth-service", "otp-service", "backup-code-service", "ticket-service", "gateway");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("lifeline.version");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalRegistry registry;
    private static Manifests local;
    private static JsonNode baseManifest;

    @BeforeAll
    static void buildAndPushEveryImage() throws Exception {
        assertNotNull(VERSION, "surefire gives the project version as lifeline.version");
        local = Manifests.of("local");
        Path work = Files.createDirectories(Path.of("target", "images").toAbsolutePath());
        registry = LocalRegistry.start(Files.createTempDirectory(work, "registry"));

        Matcher base = Pattern.compile("<quarkus.jib.base-jvm-image>[^/]+/([^:<]+):([^<]+)</quarkus.jib.base-jvm-image>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(base.find(), "the parent pom pins the base image");
        registry.pushStandIn(base.group(1), base.group(2));
        baseManifest = registry.manifest(base.group(1), base.group(2));

        Path log = work.resolve("build.log");
        Process build = new ProcessBuilder(ROOT.resolve("mvnw").toString(), "-B", "-ntp", "package", "-DskipTests", "-Pimages",
                "-pl", String.join(",", MODULES), "-am",
                "-Dquarkus.container-image.registry=" + registry.address,
                "-Dquarkus.container-image.insecure=true",
                "-Dquarkus.jib.base-jvm-image=" + registry.address + "/" + base.group(1) + ":" + base.group(2))
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (build.waitFor() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new AssertionError("./mvnw package -Pimages failed:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void everyDeploymentRunsAnImageTheBuildMakes() {
        for (Manifests overlay : List.of(local, Manifests.of("prod"))) {
            overlay.ofKind("Deployment").forEach(deployment -> {
                String image = deployment.at("/spec/template/spec/containers/0/image").asText();
                String module = Manifests.name(deployment);
                assertEquals("lifeline/" + module + ":" + VERSION, image.substring(image.indexOf("lifeline/")),
                        overlay.overlay() + ": " + module + " runs an image of this version's build");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-service", "otp-service", "backup-code-service", "ticket-service", "gateway"})
    void theImageIsThePackagedModuleRunAsThePodsUser(String module) throws Exception {
        String repository = "lifeline/" + module;
        JsonNode manifest = registry.manifest(repository, VERSION);
        assertNotNull(manifest, repository + ":" + VERSION + " was pushed");

        JsonNode config = JSON.readTree(registry.blob(repository, manifest.at("/config/digest").asText())).path("config");
        JsonNode pod = local.named("Deployment", module).orElseThrow().at("/spec/template/spec");
        assertEquals(pod.at("/securityContext/runAsUser").asText(), config.path("User").asText(), "runs as the pods' user");
        String port = pod.at("/containers/0/ports/0/containerPort").asText();
        assertTrue(config.path("ExposedPorts").has(port + "/tcp"), "exposes " + port + ": " + config.path("ExposedPorts"));

        List<String> files = new ArrayList<>();
        int baseLayers = baseManifest.path("layers").size();
        JsonNode layers = manifest.path("layers");
        assertTrue(layers.size() > baseLayers, "the application is in layers of its own, over the base");
        for (int i = baseLayers; i < layers.size(); i++) {
            files.addAll(filesOf(registry.blob(repository, layers.get(i).path("digest").asText())));
        }
        assertTrue(files.stream().anyMatch(file -> file.endsWith("/quarkus-run.jar")), "the runner is in the image: " + files.size() + " files");
        assertTrue(files.stream().anyMatch(file -> file.endsWith("/app/" + module + "-" + VERSION + ".jar")),
                "the module's own code is in the image");
    }

    private static List<String> filesOf(byte[] gzippedTar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(gzippedTar)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
