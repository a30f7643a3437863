package dev.lifeline.auth.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a client holds after signing in; the refresh token is shown once and stored only as a hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tokens(String accessToken, String refreshToken, long expiresIn, String tokenType) {
}
