package dev.lifeline.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets that are proof by themselves (refresh tokens, password-reset links): 256 random bits as
 * base64url, kept only as their SHA-256. With that much entropy a fast unsalted hash is enough to
 * keep a stolen table useless, and a lookup by hash compares nothing secret.
 */
final class BearerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private BearerSecrets() {
    }

    static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** As typed or pasted: surrounding whitespace does not count. */
    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((secret == null ? "" : secret.strip()).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
