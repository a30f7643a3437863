package dev.lifeline.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Production refuses to start on any setting that only makes sense on a developer's machine: a
 * dev or test secret ({@code dev-only-…}, {@code dev-token-…}, the test keys, also inside a base64
 * key) or a loopback URL (a
 * provider cannot call back to 127.0.0.1, a peer service is not on this host). It names each one.
 * Secrets without a dev default are simply absent in production, and Quarkus refuses those itself.
 */
@ApplicationScoped
public class ProductionSettings {

    private static final List<String> CHECKED_PREFIXES = List.of("lifeline.", "quarkus.rest-client.", "mp.jwt.", "kafka.",
            "smallrye.jwt.", "quarkus.datasource.", "quarkus.mailer.");
    private static final List<String> DEV_MARKERS = List.of("dev-only", "dev-token", "test-keys/");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1", "0.0.0.0");

    void refuseDevDefaults(@Observes StartupEvent start) {
        if (!ConfigUtils.isProfileActive("prod")) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        Map<String, String> settings = new TreeMap<>();
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> CHECKED_PREFIXES.stream().anyMatch(name::startsWith))
                .forEach(name -> readable(config, name).ifPresent(value -> settings.put(name, value)));
        List<String> refused = devDefaults(settings);
        if (!refused.isEmpty()) {
            throw new IllegalStateException("production refuses settings meant for a developer's machine: "
                    + String.join("; ", refused));
        }
    }

    /** Each setting that is a dev or test secret or points at this host, with why; empty when none is. */
    static List<String> devDefaults(Map<String, String> settings) {
        return new TreeMap<>(settings).entrySet().stream()
                .flatMap(setting -> {
                    String value = setting.getValue();
                    if (DEV_MARKERS.stream().anyMatch(marker -> value.contains(marker) || decoded(value).contains(marker))) {
                        return Stream.of(setting.getKey() + " is a dev or test secret");
                    }
                    return isLoopbackUrl(value)
                            ? Stream.of(setting.getKey() + " points at this host (" + value + ")")
                            : Stream.empty();
                })
                .toList();
    }

    /** Keys are configured as base64; the dev ones say what they are once decoded. */
    private static String decoded(String value) {
        try {
            return new String(Base64.getDecoder().decode(value.strip()), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    private static boolean isLoopbackUrl(String value) {
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            return false;
        }
        try {
            String host = URI.create(value.strip()).getHost();
            return host != null && LOOPBACK_HOSTS.contains(host);
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }

    /** A setting's value, when it has one that can be read (an unset expression is Quarkus's to report). */
    private static Optional<String> readable(Config config, String name) {
        try {
            return config.getOptionalValue(name, String.class);
        } catch (RuntimeException unresolved) {
            return Optional.empty();
        }
    }
}
