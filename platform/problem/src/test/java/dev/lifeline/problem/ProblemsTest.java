package dev.lifeline.problem;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How each kind of domain refusal is answered over HTTP; plain JUnit. */
@Tag("unit")
class ProblemsTest {

    @Test
    void eachKindOfRefusalHasItsStatus() {
        Map<DomainError, Integer> expected = Map.of(
                new DomainError.Invalid("unknown_role", "No such role."), 400,
                new DomainError.NotAuthenticated("invalid_credentials", "Not right."), 401,
                new DomainError.Refused("second_factor_required", "Prove it."), 403,
                new DomainError.NotFound("staff_not_found", "No one."), 404,
                new DomainError.Conflict("code_used", "Used."), 409,
                new DomainError.Expired("code_expired", "Expired."), 410,
                new DomainError.Limited("account_locked", "Wait."), 429,
                new DomainError.Unavailable("sms_degraded", "Later."), 503);
        expected.forEach((error, status) -> {
            ProblemException problem = Problems.of(error);
            assertEquals(status, problem.status(), error.getClass().getSimpleName());
            assertEquals(error.code(), problem.code());
            assertEquals(error.detail(), problem.detail());
        });
        long kinds = Arrays.stream(DomainError.class.getDeclaredClasses())
                .filter(DomainError.class::isAssignableFrom).count();
        assertEquals(kinds, expected.size(), "a kind of refusal without a status");
    }

    @Test
    void detailsAndTheWaitTravelWithTheAnswer() {
        ProblemException problem = Problems.of(new DomainError.Limited("resend_too_soon", "Wait a little.")
                .retryAfter(42).with("resendAfterSeconds", 42L));
        assertEquals("42", problem.headers().get("Retry-After"));
        assertEquals(42L, problem.extensions().get("resendAfterSeconds"));
        assertEquals("Too Many Requests", problem.title());
        assertFalse(Problems.of(new DomainError.Conflict("code_used", "Used.")).headers().containsKey("Retry-After"));
    }

    @Test
    void kindsCannotBeAddedOutsideThisModule() {
        assertTrue(Arrays.stream(DomainError.class.getDeclaredConstructors()).allMatch(c -> Modifier.isPrivate(c.getModifiers())));
    }
}
