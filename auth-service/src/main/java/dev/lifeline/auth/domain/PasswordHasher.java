package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.hashing.Argon2id;
import dev.lifeline.hashing.HashingStage;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Password hashes: Argon2id at the configured parameters (OWASP's), run by libargon2 on the service's
 * hashing stage. A hash made with weaker parameters still verifies, and is reported so the caller
 * can rehash it.
 */
// made at start, not at the first request: its decoy hash loads libargon2 and warms the stage, which
// cost a cold instance's first people seconds (the faults drill saw first enrollments time out)
@Startup
@ApplicationScoped
public class PasswordHasher {

    private final HashingStage stage;
    private final Argon2id argon2;
    /** Verified against when the username is unknown, so both answers cost one Argon2id run. */
    private final String decoyHash;

    public PasswordHasher(AuthConfig config, HashingStage stage) {
        AuthConfig.Password p = config.password();
        this.stage = stage;
        this.argon2 = new Argon2id(new Argon2id.Parameters(p.memoryKib(), p.iterations(), p.parallelism()), stage);
        byte[] noise = new byte[16];
        new SecureRandom().nextBytes(noise);
        this.decoyHash = hash(HexFormat.of().formatHex(noise));
    }

    public record Check(boolean matches, boolean needsRehash) {
    }

    /** Answers busy at once when the hashing stage is full, before a sign-in spends anything else. */
    public void refuseIfFull() {
        stage.refuseIfFull();
    }

    public String hash(String password) {
        return argon2.hash(password);
    }

    public Check verify(String password, String phcHash) {
        boolean matches = argon2.verify(password, phcHash);
        return new Check(matches, matches && argon2.isWeakerThanCurrent(phcHash));
    }

    /** Spends the time of a real verification and always fails: the answer for unknown usernames. */
    public Check verifyAgainstNobody(String password) {
        verify(password, decoyHash);
        return new Check(false, false);
    }
}
