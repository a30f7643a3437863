package dev.lifeline.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What a masked phone or address shows: enough for its owner to recognise it, never enough to use it. */
@Tag("unit")
class MaskingTest {

    @Test
    void aPhoneKeepsItsCountryCodeAndLastThreeDigits() {
        assertEquals("+44•••••••123", Masking.phone("+447700900123"));
        assertEquals("+1•••••••567", Masking.phone("+12025550567"));
        assertEquals("+353••••••789", Masking.phone("+353851234789"));
    }

    @Test
    void somethingThatIsNoPhoneNumberStillShowsOnlyItsEnd() {
        assertEquals("•••456", Masking.phone("123456"));
        assertEquals("•••12", Masking.phone("12"));
        assertNull(Masking.phone(null));
    }

    @Test
    void anAddressKeepsItsFirstLetterAndDomain() {
        assertEquals("j•••@example.org", Masking.email("jane.doe@example.org"));
        assertEquals("•••", Masking.email("no-at-sign"));
    }

    @Test
    void usernamesAreOneAccountWhateverTheirCase() {
        assertEquals("alice", Usernames.normalize("  Alice "));
        assertEquals(Usernames.normalize("ALICE"), Usernames.normalize("alice"));
    }
}
