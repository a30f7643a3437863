package dev.lifeline.hashing;

import io.smallrye.config.ConfigMapping;

import java.util.OptionalInt;

/** How wide the hashing stage is: {@code lifeline.hashing.*}. */
@ConfigMapping(prefix = "lifeline.hashing")
public interface HashingConfig {

    /** Argon2id runs at once; by default as many as the cores this JVM may use. */
    OptionalInt workers();

    /** Runs that may wait for a worker; by default two per worker, so a run waits at most about two hashes long. */
    OptionalInt queue();
}
