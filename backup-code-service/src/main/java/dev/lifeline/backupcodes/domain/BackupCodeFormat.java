package dev.lifeline.backupcodes.domain;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * What a backup code looks like: sixteen characters in four groups ("K7QM-3XRT-9HWC-PDNA"), from an
 * alphabet without look-alikes (no 0, O, 1, I, L or U). The first three characters pick the code
 * out of its set; the other thirteen are the secret: 13 × log2(30) ≈ 63.8 bits from SecureRandom.
 */
public final class BackupCodeFormat {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LOOKUP_LENGTH = 3;
    static final int SECRET_LENGTH = 13;
    private static final int LENGTH = LOOKUP_LENGTH + SECRET_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupCodeFormat() {
    }

    /** A code as handed to its owner. */
    public record Code(String lookup, String secret) {
        public String display() {
            String all = lookup + secret;
            return all.substring(0, 4) + "-" + all.substring(4, 8) + "-" + all.substring(8, 12) + "-" + all.substring(12);
        }
    }

    static Code generate() {
        StringBuilder chars = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            chars.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new Code(chars.substring(0, LOOKUP_LENGTH), chars.substring(LOOKUP_LENGTH));
    }

    /** Reads what a person typed: dashes and spaces anywhere, any letter case. Empty when it cannot be a code. */
    public static Optional<Code> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String compact = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (compact.length() != LENGTH || !compact.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new Code(compact.substring(0, LOOKUP_LENGTH), compact.substring(LOOKUP_LENGTH)));
    }
}
