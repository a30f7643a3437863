package dev.lifeline.auth.domain;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.lifeline.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Argon2id password hashes (password4j), as PHC strings that carry their own parameters: a hash made
 * with weaker parameters than today's still verifies, and is reported so the caller can rehash it.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function current;
    /** Verified against when the username is unknown, so both answers cost one Argon2id run. */
    private final String decoyHash;

    public PasswordHasher(AuthConfig config) {
        AuthConfig.Password p = config.password();
        this.current = Argon2Function.getInstance(p.memoryKib(), p.iterations(), p.parallelism(), HASH_BYTES, Argon2.ID);
        byte[] noise = new byte[16];
        new SecureRandom().nextBytes(noise);
        this.decoyHash = hash(HexFormat.of().formatHex(noise));
    }

    public record Check(boolean matches, boolean needsRehash) {
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(current).getResult();
    }

    public Check verify(String password, String phcHash) {
        Argon2Function used = Argon2Function.getInstanceFromHash(phcHash);
        boolean matches = Password.check(password, phcHash).with(used);
        return new Check(matches, matches && weakerThanCurrent(used));
    }

    /** Spends the time of a real verification and always fails: the answer for unknown usernames. */
    public Check verifyAgainstNobody(String password) {
        verify(password, decoyHash);
        return new Check(false, false);
    }

    private boolean weakerThanCurrent(Argon2Function used) {
        return used.getVariant() != Argon2.ID
                || used.getMemory() < current.getMemory()
                || used.getIterations() < current.getIterations()
                || used.getParallelism() != current.getParallelism()
                || used.getOutputLength() < current.getOutputLength();
    }
}
