package dev.lifeline.auth.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a client is told about a pending second factor: which methods work now, and which one to use. */
public record ChallengeView(UUID id, Instant expiresAt, String smsChannel, String recommended, List<Method> methods) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Method(String method, boolean available, String reason, String maskedPhone) {
    }
}
