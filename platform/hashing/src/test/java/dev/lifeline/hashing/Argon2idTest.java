package dev.lifeline.hashing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import de.mkammerer.argon2.Argon2Factory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libargon2 through argon2-jvm: the PHC strings it makes, and those Lifeline made before with password4j. */
@Tag("unit")
class Argon2idTest {

    private final Argon2id argon2 = new Argon2id(Argon2id.Parameters.OWASP, new HashingStage(1, OptionalInt.of(0), new SimpleMeterRegistry()));

    @Test
    void aHashIsASaltedPhcStringAtOwaspParametersThatOnlyItsSecretMatches() {
        String first = argon2.hash("amber quay beneath the gulls");
        String second = argon2.hash("amber quay beneath the gulls");
        assertTrue(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), first);
        assertNotEquals(first, second, "each hash has its own salt");
        assertTrue(argon2.verify("amber quay beneath the gulls", first));
        assertFalse(argon2.verify("amber quay beneath the gull", first));
        assertFalse(argon2.isWeakerThanCurrent(first));
    }

    @Test
    void libargon2sOwnVerifyAcceptsTheHashesMadeHereAndTheOtherWayRound() {
        de.mkammerer.argon2.Argon2 standard = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
        assertTrue(standard.verify(argon2.hash("pässwörd ☃ 密码"), "pässwörd ☃ 密码".toCharArray()));
        assertTrue(argon2.verify("pässwörd ☃ 密码", standard.hash(2, 19456, 1, "pässwörd ☃ 密码".toCharArray())));
    }

    @Test
    void workersRunningAtOnceEachUseTheirOwnMemory() throws Exception {
        Argon2id twoWorkers = new Argon2id(Argon2id.Parameters.OWASP, new HashingStage(2, OptionalInt.of(8), new SimpleMeterRegistry()));
        List<Callable<Boolean>> checks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String secret = "secret number " + i;
            String hash = twoWorkers.hash(secret);
            checks.add(() -> twoWorkers.verify(secret, hash) && !twoWorkers.verify(secret + "!", hash));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (Future<Boolean> check : threads.invokeAll(checks)) {
                assertTrue(check.get());
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void hashesMadeByPassword4jKeepVerifyingNonAsciiToo() {
        // made by password4j 1.8.4, which Lifeline used before, at the same parameters
        assertTrue(argon2.verify("amber quay beneath the gulls",
                "$argon2id$v=19$m=19456,t=2,p=1$z5LD2CSrQUzSU7uJhKzEsA$GkonOtN4uXyQpxvThMxntKz/4YKRMqNdPyjj+zWU0MA"));
        assertTrue(argon2.verify("pässwörd ☃ 密码",
                "$argon2id$v=19$m=19456,t=2,p=1$pLO8FoJEIErO1kjqTovJ2Q$ZxDdLs78eUBXnuhdbumAgcwEZ3A0x3IcngPMj2Xxpgc"));
        assertFalse(argon2.verify("passwörd ☃ 密码",
                "$argon2id$v=19$m=19456,t=2,p=1$pLO8FoJEIErO1kjqTovJ2Q$ZxDdLs78eUBXnuhdbumAgcwEZ3A0x3IcngPMj2Xxpgc"));
    }

    @Test
    void weakerParametersVerifyAndAskForARehash() {
        String weak = "$argon2id$v=19$m=4096,t=1,p=1$jIStYbf8rZDAslZVv2KO6A$QFLn2DIqgs0bhEV2Bh3P6QJC0qFIxG/HHAECZzDqi7c";
        assertTrue(argon2.verify("amber quay beneath the gulls", weak));
        assertTrue(argon2.isWeakerThanCurrent(weak));
    }

    @Test
    void whatIsNotAnArgon2PhcStringMatchesNothing() {
        assertFalse(argon2.verify("anything", "plain text"));
        assertFalse(argon2.verify("anything", "$argon2id$v=19$m=19456,t=2,p=1$bm90IGJhc2U2NA$!!!"));
        assertFalse(argon2.verify("anything", null));
        assertTrue(argon2.isWeakerThanCurrent("$2a$10$bcryptbcryptbcryptbcryptbcryptbcryptbcryptbcryptbc"));
    }
}
