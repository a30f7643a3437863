package dev.lifeline.auth.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a client is told about a pending second factor: which methods work now, which one to use,
 * and what became of the last text asked for ({@code lastText}, absent until one is).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChallengeView(UUID id, Instant expiresAt, String smsChannel, Factor recommended, List<Method> methods,
                            LastText lastText) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Method(Factor method, boolean available, String reason, String maskedPhone) {
    }

    /**
     * The last text of this sign-in: {@code PENDING} until otp-service reports it, then
     * {@code DELIVERED} or {@code FAILED}, with a message for the person when it failed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastText(String status, Instant requestedAt, String message) {
    }
}
