package dev.lifeline.contracts.totp;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords as every authenticator app computes them (RFC 6238 over RFC 4226):
 * HMAC-SHA1, six digits, 30-second steps. A code is accepted for the current step and one step either
 * side, for clocks that drift and people who type slowly. Pure: the time is a parameter.
 */
public final class Totp {

    public static final long STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** Steps either side of now whose codes still count. */
    public static final int DRIFT_STEPS = 1;

    private Totp() {
    }

    public static long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of {@code step} for {@code secret}: HOTP with the step as its counter. */
    public static String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every JVM", e);
        }
    }

    /**
     * The step whose code {@code typed} is, within the drift allowed around {@code now}; empty when it
     * is none of them. Every candidate is compared, in constant time, whatever matched first.
     */
    public static OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        byte[] typedBytes = typed.getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        long found = Long.MIN_VALUE;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), typedBytes)) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }
}
