package dev.lifeline.auth.domain;

/** What a client holds after signing in; the refresh token is shown once and stored only as a hash. */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Tokens(String accessToken, String refreshToken, long expiresIn, String tokenType) {
}
