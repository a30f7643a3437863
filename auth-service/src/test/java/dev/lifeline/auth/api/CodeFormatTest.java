package dev.lifeline.auth.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.auth.domain.Factor;
import dev.lifeline.problem.ProblemException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shapes of a factor's answer refused before anything is looked up; plain JUnit. */
@Tag("unit")
class CodeFormatTest {

    private static String refusal(Runnable check) {
        ProblemException problem = assertThrows(ProblemException.class, check::run);
        assertEquals(400, problem.status());
        return problem.code();
    }

    @Test
    void textAndAppCodesAreSixDigitsAndSpacesAroundThemDoNotCount() {
        assertEquals("123456", CodeFormat.check(Factor.SMS, " 123456 "));
        assertEquals("654321", CodeFormat.check(Factor.TOTP, "654321\n"));
        assertEquals("invalid_code_format", refusal(() -> CodeFormat.check(Factor.SMS, "12345")));
        assertEquals("invalid_code_format", refusal(() -> CodeFormat.check(Factor.TOTP, "12345a")));
        assertEquals("invalid_code_format", refusal(() -> CodeFormat.check(Factor.SMS, "1234567")));
    }

    @Test
    void aBackupCodeIsCheckedByItsServiceNotByShape() {
        assertEquals("abcd-efgh", CodeFormat.check(Factor.BACKUP_CODE, "abcd-efgh"));
    }

    @Test
    void aMissingAnswerIsNamed() {
        assertEquals("code_required", refusal(() -> CodeFormat.check(Factor.SMS, null)));
        assertEquals("code_required", refusal(() -> CodeFormat.check(Factor.BACKUP_CODE, "   ")));
        assertEquals("credential_required", refusal(() -> CodeFormat.credential(null)));
        assertEquals("credential_required", refusal(() -> CodeFormat.credential(new ObjectMapper().valueToTree("text"))));
    }
}
