package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Authenticator-app secrets at rest: AES-256-GCM with a key from configuration, a fresh 96-bit nonce
 * each time, and the account id as associated data, so a secret copied onto another account's row
 * does not decrypt. Stored as nonce || ciphertext (with its tag). The clear secret lives only in memory.
 */
@ApplicationScoped
public class TotpSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** 160 bits, as RFC 4226 recommends for HMAC-SHA1. */
    private static final int SECRET_BYTES = 20;

    private final SecretKeySpec key;

    public TotpSecrets(AuthConfig config) {
        byte[] raw = Base64.getDecoder().decode(config.totp().encryptionKey().strip());
        if (raw.length != 32) {
            throw new IllegalStateException("lifeline.auth.totp.encryption-key must be 32 bytes (base64), not " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    public byte[] encrypt(UUID accountId, byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(accountId));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt an authenticator secret", e);
        }
    }

    public byte[] decrypt(UUID accountId, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(accountId));
            return cipher.doFinal(Arrays.copyOfRange(stored, NONCE_BYTES, stored.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an authenticator secret does not decrypt: wrong key, or not this account's", e);
        }
    }

    private static byte[] associatedData(UUID accountId) {
        return ByteBuffer.allocate(16).putLong(accountId.getMostSignificantBits()).putLong(accountId.getLeastSignificantBits()).array();
    }
}
