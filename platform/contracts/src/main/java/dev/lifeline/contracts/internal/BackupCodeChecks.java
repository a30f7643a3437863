package dev.lifeline.contracts.internal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * backup-code-service's internal endpoints, called by auth-service with a service token while a
 * person waits: {@code POST /internal/backup-codes/sets} makes an account's first (or a new) set,
 * {@code POST /internal/backup-codes/verifications} checks and uses one code. A verdict is the
 * answer's body (200), whatever it is; a non-200 status means the call itself failed.
 */
public final class BackupCodeChecks {

    public static final String PATH = "/internal/backup-codes";
    public static final String SETS = "/sets";
    public static final String VERIFICATIONS = "/verifications";

    private BackupCodeChecks() {
    }

    public record ForAccount(@NotNull UUID accountId) {
    }

    /** The codes of a new set: shown to the person once, never stored in the clear. */
    public record NewSet(List<String> codes, Instant createdAt) {
    }

    public record Attempt(@NotNull UUID accountId, @NotNull @Size(max = 64) String code) {
    }

    public enum Outcome {
        ACCEPTED,
        WRONG,
        ALREADY_USED
    }

    /** {@code remaining} is the count of unused codes after an accepted one. */
    public record Verdict(Outcome outcome, long remaining) {
    }
}
