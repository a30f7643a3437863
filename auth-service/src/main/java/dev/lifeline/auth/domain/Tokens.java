package dev.lifeline.auth.domain;

/** What a client holds after signing in; the refresh token is shown once and stored only as a hash. */
public record Tokens(String accessToken, String refreshToken, long expiresIn, String tokenType) {
}
