package dev.lifeline.auth.domain;

import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.problem.DomainError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The time rules of a sign-in step and of a lockout, with a clock in the test's hand; plain JUnit, no Quarkus. */
@Tag("unit")
class SignInRulesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T09:00:00Z"), ZoneOffset.UTC);

    private LoginChallenge challengeLasting(Duration ttl) {
        LoginChallenge challenge = new LoginChallenge();
        challenge.createdAt = clock.instant();
        challenge.expiresAt = clock.instant().plus(ttl);
        return challenge;
    }

    @Test
    void aSignInStepCanBeAnsweredUntilTheMomentItExpires() {
        LoginChallenge challenge = challengeLasting(Duration.ofMinutes(5));
        Instant now = clock.instant();
        assertDoesNotThrow(() -> SmsCodes.ensureOpen(challenge, now.plus(Duration.ofMinutes(5)).minusMillis(1)));
        DomainError expired = assertThrows(DomainError.Expired.class,
                () -> SmsCodes.ensureOpen(challenge, now.plus(Duration.ofMinutes(5))));
        assertEquals("challenge_expired", expired.code());
    }

    @Test
    void aStepAlreadyDoneSaysSoEvenOnceItHasExpired() {
        LoginChallenge challenge = challengeLasting(Duration.ofMinutes(5));
        challenge.completedAt = clock.instant().plusSeconds(10);
        DomainError done = assertThrows(DomainError.Conflict.class,
                () -> SmsCodes.ensureOpen(challenge, clock.instant().plus(Duration.ofHours(1))));
        assertEquals("challenge_completed", done.code());
    }

    @Test
    void aLockSaysHowLongInWholeSecondsAndMinutesRoundedUp() {
        DomainError almostOver = FailureBudget.locked(Duration.ofMillis(1));
        assertEquals("account_locked", almostOver.code());
        assertEquals(1, almostOver.retryAfterSeconds().getAsLong());
        assertEquals("Too many failed attempts. Try again in 1 minute.", almostOver.detail());

        DomainError justOver = FailureBudget.locked(Duration.ofSeconds(60).plusMillis(1));
        assertEquals(61, justOver.retryAfterSeconds().getAsLong());
        assertEquals(61L, justOver.details().get("retryAfterSeconds"));
        assertEquals("Too many failed attempts. Try again in 2 minutes.", justOver.detail());

        assertEquals(900, FailureBudget.locked(Duration.ofMinutes(15)).retryAfterSeconds().getAsLong());
    }

    @Test
    void wrongStaffPasswordsCountPerAddressSoAStrangerLocksOutOnlyThemselves() {
        Account agent = new Account();
        agent.roles = new String[] {Account.USER, Account.AGENT};
        Account person = new Account();
        assertEquals("ana from 203.0.113.9", FailureBudget.passwordKey("ana", Optional.of(agent), "203.0.113.9"));
        assertEquals("bo", FailureBudget.passwordKey("bo", Optional.of(person), "203.0.113.9"));
        assertEquals("nobody", FailureBudget.passwordKey("nobody", Optional.empty(), "203.0.113.9"));
    }
}
