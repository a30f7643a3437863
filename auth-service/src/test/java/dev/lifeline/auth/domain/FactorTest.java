package dev.lifeline.auth.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factors' names as clients and events know them; plain JUnit. */
@Tag("unit")
class FactorTest {

    @Test
    void theRequestPatternNamesExactlyTheFactors() {
        assertEquals(Arrays.stream(Factor.values()).map(Factor::wireName).collect(Collectors.joining("|")), Factor.NAMES);
        assertEquals("one of " + Arrays.stream(Factor.values()).map(Factor::wireName).collect(Collectors.joining(", ")),
                Factor.NAMES_RULE);
        for (Factor factor : Factor.values()) {
            assertTrue(factor.wireName().matches(Factor.NAMES));
            assertEquals(factor, Factor.named(factor.wireName()));
        }
        assertFalse("SMS".matches(Factor.NAMES));
        assertThrows(IllegalArgumentException.class, () -> Factor.named("email"));
    }

    @Test
    void clientsReadTheWireName() throws Exception {
        assertEquals("[\"sms\",\"backup_code\",\"totp\",\"passkey\"]",
                new ObjectMapper().writeValueAsString(List.of(Factor.values())));
    }

    @Test
    void onlyTextAndAppCodesAreSixDigits() {
        assertTrue(Factor.SMS.sixDigitCode());
        assertTrue(Factor.TOTP.sixDigitCode());
        assertFalse(Factor.BACKUP_CODE.sixDigitCode());
        assertFalse(Factor.PASSKEY.sixDigitCode());
    }
}
