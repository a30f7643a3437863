package dev.lifeline.auth.domain;

import dev.lifeline.contracts.totp.Totp;

import dev.lifeline.devstack.testing.Oathtool;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TOTP as the RFC defines it and as authenticator apps compute it; no Quarkus, the time is a parameter. */
@Tag("unit")
class TotpTest {

    /** RFC 6238 appendix B's SHA-1 key. */
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theRfcTestVectorsInSixDigits() {
        // appendix B gives eight digits; apps show the last six
        assertEquals("287082", Totp.code(RFC_KEY, Totp.stepAt(Instant.ofEpochSecond(59))));
        assertEquals("081804", Totp.code(RFC_KEY, Totp.stepAt(Instant.ofEpochSecond(1111111109))));
        assertEquals("050471", Totp.code(RFC_KEY, Totp.stepAt(Instant.ofEpochSecond(1111111111))));
        assertEquals("005924", Totp.code(RFC_KEY, Totp.stepAt(Instant.ofEpochSecond(1234567890))));
        assertEquals("279037", Totp.code(RFC_KEY, Totp.stepAt(Instant.ofEpochSecond(2000000000))));
    }

    @Test
    void agreesWithOathtool() {
        Assumptions.assumeTrue(Oathtool.available(), "oathtool is not installed (apt-get install oathtool; .ci/run does)");
        byte[] secret = TotpSecrets.newSecret();
        String base32 = new Base32().encodeAsString(secret).replace("=", "");
        for (Instant at : new Instant[] {Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2031-02-03T04:05:29Z")}) {
            assertEquals(Oathtool.code(base32, at), Totp.code(secret, Totp.stepAt(at)), "at " + at);
        }
    }

    @Test
    void oneStepOfDriftEitherSideIsAcceptedTwoAreNot() {
        Instant now = Instant.parse("2026-11-28T10:00:10Z");
        long step = Totp.stepAt(now);
        assertEquals(OptionalLong.of(step), Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step), now));
        assertEquals(OptionalLong.of(step - 1), Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1), now));
        assertEquals(OptionalLong.of(step + 1), Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 1), now));
        assertTrue(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 2), now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 2), now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_KEY, "12345", now).isEmpty());
    }
}
