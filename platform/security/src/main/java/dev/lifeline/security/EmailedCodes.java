package dev.lifeline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Six-digit codes sent by email for a person to type back (confirming an address, answering an
 * agent's check): made from a secure random source, kept only as SHA-256 over what they are bound to
 * and the code, compared in constant time. Their few digits are safe only with a short life and a few
 * tries, which the caller keeps.
 */
public final class EmailedCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EmailedCodes() {
    }

    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** The hash to keep of {@code code} sent for {@code boundTo} (an account, a ticket and agent). */
    public static byte[] hash(String boundTo, String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((boundTo + ":" + code.strip()).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean matches(byte[] kept, String boundTo, String typed) {
        return MessageDigest.isEqual(kept, hash(boundTo, typed));
    }
}
