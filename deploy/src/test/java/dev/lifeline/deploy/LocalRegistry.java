package dev.lifeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import static org.awaitility.Awaitility.await;

/**
 * A real OCI registry on this machine (the CNCF Distribution registry, Debian's docker-registry), speaking
 * the registry API that Jib pushes to and a cluster pulls from. Images are read back through that API.
 */
final class LocalRegistry implements AutoCloseable {

    static final String BINARY = "/usr/bin/docker-registry";
    private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    final String address;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalRegistry(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    static LocalRegistry start(Path directory) throws IOException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            String missing = BINARY + " is not installed here (.ci/run installs Debian's docker-registry)";
            if (System.getenv("CI") == null) {
                Assumptions.abort(missing);
            }
            throw new AssertionError(missing);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        Path config = directory.resolve("registry.yml");
        Files.writeString(config, """
                version: 0.1
                log: {level: warn}
                storage:
                  filesystem: {rootdirectory: %s}
                http:
                  addr: %s
                """.formatted(directory.resolve("storage"), address));
        Process process = new ProcessBuilder(BINARY, "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, address);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> registry.get("/v2/", "*/*").statusCode() == 200);
        return registry;
    }

    /**
     * Pushes a one-layer image under {@code repository:tag}: a stand-in for a base image this machine
     * cannot pull (it reaches Maven Central and Debian, not other registries).
     */
    void pushStandIn(String repository, String tag) throws IOException, InterruptedException {
        byte[] file = "stand-in base image of the Lifeline image tests\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            TarArchiveEntry entry = new TarArchiveEntry("etc/lifeline-stand-in");
            entry.setSize(file.length);
            out.putArchiveEntry(entry);
            out.write(file);
            out.closeArchiveEntry();
        }
        byte[] layerTar = tar.toByteArray();
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(layerTar);
        }
        byte[] layer = gzipped.toByteArray();
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("config");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(digest(layerTar));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        uploadBlob(repository, layer);
        uploadBlob(repository, configBytes);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", digest(configBytes)).put("size", configBytes.length);
        manifest.putArray("layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
                .put("digest", digest(layer)).put("size", layer.length);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(manifest))).build(), HttpResponse.BodyHandlers.ofString());
        expect(201, put);
    }

    /** The image's manifest as the registry serves it to a puller, or null when there is no such tag. */
    JsonNode manifest(String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/v2/" + repository + "/manifests/" + tag, MANIFEST_TYPES);
        return response.statusCode() == 404 ? null : JSON.readTree(expect(200, response).body());
    }

    /** A blob (an image's config, a layer) by its digest. */
    byte[] blob(String repository, String digest) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("blob " + digest + " of " + repository + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private void uploadBlob(String repository, byte[] blob) throws IOException, InterruptedException {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(202, started);
        String location = started.headers().firstValue("Location").orElseThrow();
        URI upload = location.startsWith("http") ? URI.create(location) : uri(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> finished = http.send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest(blob)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofString());
        expect(201, finished);
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + address + path);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.uri() + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
