package dev.lifeline.backupcodes.domain;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Argon2id (password4j, OWASP's 19 MiB, t=2, p=1) for the secret part of backup codes. Every hash
 * computed is counted in {@code lifeline_backup_code_hashes_total}, so ops and tests can see that a
 * verification costs one.
 */
@ApplicationScoped
public class SecretHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);

    private final Counter hashes;
    private final String decoy;

    public SecretHasher(MeterRegistry meters) {
        this.hashes = Counter.builder("lifeline.backup.code.hashes")
                .description("Argon2id computations for backup codes, at generation and verification")
                .register(meters);
        this.decoy = Password.hash("decoy-backup-code").addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public String hash(String secret) {
        hashes.increment();
        return Password.hash(secret).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean matches(String secret, String hash) {
        hashes.increment();
        return Password.check(secret, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** The cost of a verification when there is nothing to verify against, so timing tells nothing. */
    public boolean matchesNothing(String secret) {
        matches(secret, decoy);
        return false;
    }
}
