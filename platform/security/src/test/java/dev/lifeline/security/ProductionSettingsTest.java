package dev.lifeline.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class ProductionSettingsTest {

    @Test
    void devSecretsAndLoopbackUrlsAreNamed() {
        List<String> refused = ProductionSettings.devDefaults(Map.of(
                "lifeline.otp.providers.alpha.auth-token", "dev-token-alpha",
                "lifeline.otp.callback-base-url", "http://127.0.0.1:8082",
                "quarkus.rest-client.otp-service.url", "http://localhost:8082/",
                "kafka.sasl.jaas.config", "ScramLoginModule required username=\"otp-service\" password=\"dev-only-kafka-otp-service\";",
                "mp.jwt.verify.publickey.location", "test-keys/verification-key.pem",
                "lifeline.auth.totp.encryption-key", "ZGV2LW9ubHktdG90cC1rZXktbm90LWZvci1wcm9kISE="));
        assertEquals(List.of(
                "kafka.sasl.jaas.config is a dev or test secret",
                "lifeline.auth.totp.encryption-key is a dev or test secret",
                "lifeline.otp.callback-base-url points at this host (http://127.0.0.1:8082)",
                "lifeline.otp.providers.alpha.auth-token is a dev or test secret",
                "mp.jwt.verify.publickey.location is a dev or test secret",
                "quarkus.rest-client.otp-service.url points at this host (http://localhost:8082/)"), refused);
    }

    @Test
    void productionSettingsPass() {
        assertEquals(List.of(), ProductionSettings.devDefaults(Map.of(
                "lifeline.otp.providers.alpha.auth-token", "3f9c2a71d0e84b5f",
                "lifeline.otp.callback-base-url", "https://otp.lifeline.example",
                "quarkus.rest-client.otp-service.url", "http://otp-service.lifeline.svc:8080",
                "lifeline.otp.health.window", "PT3M",
                "lifeline.auth.totp.encryption-key", "q3Zx0m4aC2mW1Jt0b8bJwzX6xg1m2l9dS7Zp4eY6t0Q=")));
    }
}
