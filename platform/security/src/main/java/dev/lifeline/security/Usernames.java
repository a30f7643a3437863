package dev.lifeline.security;

import java.util.Locale;

/**
 * Usernames are case-insensitive: "Alice" and "alice" are one account. The one rule for every service
 * that takes a username (auth-service's accounts, ticket-service's recovery requests).
 */
public final class Usernames {

    /** What a username may be: 3 to 32 letters, digits, dots, dashes and underscores, starting with a letter or digit. */
    /** The rule in words, for validation messages. */
    public static final String RULE = "3 to 32 letters, digits, dots, dashes or underscores";
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{2,31}";

    private Usernames() {
    }

    public static String normalize(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
