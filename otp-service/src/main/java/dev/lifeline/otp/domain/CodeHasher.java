package dev.lifeline.otp.domain;

import dev.lifeline.otp.config.OtpConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HMAC-SHA256 over a per-code salt and the code. A six-digit code has only a million values, so a
 * plain hash would fall to a table; the key lives outside the database and makes the table useless.
 */
@ApplicationScoped
public class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public CodeHasher(OtpConfig config) {
        byte[] secret = Base64.getDecoder().decode(config.codeHashKey());
        if (secret.length < 32) {
            throw new IllegalStateException("lifeline.otp.code-hash-key must hold at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    public byte[] hash(byte[] salt, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(salt);
            return mac.doFinal(code.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Constant time: how much of a guess is right must not show in how long the answer takes. */
    public boolean matches(byte[] salt, String code, byte[] expectedHash) {
        return MessageDigest.isEqual(hash(salt, code), expectedHash);
    }
}
