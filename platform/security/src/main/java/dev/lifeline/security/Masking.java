package dev.lifeline.security;

/** How personal data is shown where it must not be readable in full (agents' evidence, notices to old addresses). */
public final class Masking {

    private Masking() {
    }

    /** Enough to recognise an address ("j•••@example.org"), not enough to write to it. */
    public static String email(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "•••" : email.charAt(0) + "•••" + email.substring(at);
    }
}
