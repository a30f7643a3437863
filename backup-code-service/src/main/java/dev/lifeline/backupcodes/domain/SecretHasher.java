package dev.lifeline.backupcodes.domain;

import dev.lifeline.hashing.Argon2id;
import dev.lifeline.hashing.HashingStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Argon2id (OWASP's 19 MiB, t=2, p=1, libargon2 on the service's hashing stage) for the secret part
 * of backup codes. Every hash computed is counted in {@code lifeline_backup_code_hashes_total}, so
 * ops and tests can see that a verification costs one.
 */
// made at start, not at the first request: its decoy hash loads libargon2 and warms the stage, which
// cost a cold instance's first people seconds (the faults drill saw first enrollments time out)
@Startup
@ApplicationScoped
public class SecretHasher {

    private final HashingStage stage;
    private final Argon2id argon2;
    private final Counter hashes;
    private final String decoy;

    public SecretHasher(HashingStage stage, MeterRegistry meters) {
        this.stage = stage;
        this.argon2 = new Argon2id(Argon2id.Parameters.OWASP, stage);
        this.hashes = Counter.builder("lifeline.backup.code.hashes")
                .description("Argon2id computations for backup codes, at generation and verification")
                .register(meters);
        this.decoy = argon2.hash("decoy-backup-code");
    }

    /** Answers busy at once when the hashing stage is full, before a check spends anything else. */
    public void refuseIfFull() {
        stage.refuseIfFull();
    }

    public String hash(String secret) {
        hashes.increment();
        return argon2.hash(secret);
    }

    public boolean matches(String secret, String hash) {
        hashes.increment();
        return argon2.verify(secret, hash);
    }

    /** The cost of a verification when there is nothing to verify against, so timing tells nothing. */
    public boolean matchesNothing(String secret) {
        matches(secret, decoy);
        return false;
    }
}
