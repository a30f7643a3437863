package dev.lifeline.auth.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.problem.ProblemException;
import dev.lifeline.problem.Problems;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signing in: the password, then, when the account has a second factor, a challenge that one of
 * the factors must answer. Unknown usernames and wrong passwords get the same answer in the same
 * time, and both spend the username's failure budget.
 */
@ApplicationScoped
public class SignIn {

    public static final String SMS = "sms";
    public static final String BACKUP_CODE = "backup_code";
    public static final String TOTP = "totp";

    private final PasswordHasher hasher;
    private final FailureBudget budget;
    private final Sessions sessions;
    private final SmsCodes smsCodes;
    private final AuthConfig.Challenge config;

    public SignIn(PasswordHasher hasher, FailureBudget budget, Sessions sessions, SmsCodes smsCodes, AuthConfig config) {
        this.hasher = hasher;
        this.budget = budget;
        this.sessions = sessions;
        this.smsCodes = smsCodes;
        this.config = config.challenge();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String status, Tokens tokens, ChallengeView challenge, List<String> notices) {
        static Outcome authenticated(Tokens tokens) {
            return new Outcome("AUTHENTICATED", tokens, null, List.of());
        }

        static Outcome secondFactorRequired(ChallengeView challenge) {
            return new Outcome("SECOND_FACTOR_REQUIRED", null, challenge, null);
        }
    }

    public Outcome withPassword(String username, String password) {
        String key = Usernames.normalize(username);
        record Known(boolean hasFailures, Optional<Account> account) {
        }
        Known known = QuarkusTransaction.requiringNew().call(() -> new Known(budget.ensureNotLocked(key), Account.findByUsername(key)));
        Optional<Account> found = known.account();
        PasswordHasher.Check check = found.map(a -> hasher.verify(password, a.passwordHash))
                .orElseGet(() -> hasher.verifyAgainstNobody(password));
        if (!check.matches()) {
            budget.recordFailure(key, found.map(a -> a.id).orElse(null), "wrong_password");
            throw invalidCredentials();
        }
        Account account = found.get();
        if (check.needsRehash()) {
            String stronger = hasher.hash(password);
            QuarkusTransaction.requiringNew().run(() -> Account.<Account>findById(account.id).passwordHash = stronger);
        }
        if (!account.smsEnabled()) {
            if (known.hasFailures()) {
                budget.reset(key);
            }
            return Outcome.authenticated(sessions.start(account, "password"));
        }
        LoginChallenge challenge = QuarkusTransaction.requiringNew().call(() -> open(account, LoginChallenge.Purpose.LOGIN, account.smsPhone));
        return Outcome.secondFactorRequired(describe(challenge, account));
    }

    public SmsSent sendSms(UUID challengeId) {
        return QuarkusTransaction.requiringNew().call(() -> smsCodes.send(loginChallengeForUpdate(challengeId)));
    }

    public Outcome withSecondFactor(UUID challengeId, String method, String code) {
        LoginChallenge challenge = QuarkusTransaction.requiringNew().call(() -> loginChallenge(challengeId));
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(challenge.accountId));
        if (!SMS.equals(method)) {
            throw Problems.badRequest("method_unavailable", "This account cannot sign in with " + method + " yet.");
        }
        if (!account.smsEnabled()) {
            throw Problems.badRequest("method_unavailable", "This account has no SMS two-factor.");
        }
        smsCodes.verify(challenge, code, account.username);
        Tokens tokens = QuarkusTransaction.requiringNew().call(() -> {
            smsCodes.complete(challengeId);
            return sessions.start(account, SMS);
        });
        budget.reset(account.username);
        return Outcome.authenticated(tokens);
    }

    /** A new challenge for the account; its SMS codes go to {@code phone}. */
    LoginChallenge open(Account account, LoginChallenge.Purpose purpose, String phone) {
        Instant now = Instant.now();
        LoginChallenge challenge = new LoginChallenge();
        challenge.id = UUID.randomUUID();
        challenge.accountId = account.id;
        challenge.purpose = purpose;
        challenge.phone = phone;
        challenge.createdAt = now;
        challenge.expiresAt = now.plus(config.ttl());
        challenge.persist();
        return challenge;
    }

    private ChallengeView describe(LoginChallenge challenge, Account account) {
        List<ChallengeView.Method> methods = List.of(
                new ChallengeView.Method(SMS, true, null, PhoneNumbers.mask(account.smsPhone)),
                new ChallengeView.Method(BACKUP_CODE, false, "Backup codes are not set up for this account.", null),
                new ChallengeView.Method(TOTP, false, "No authenticator app is set up for this account.", null));
        return new ChallengeView(challenge.id, challenge.expiresAt, "HEALTHY", SMS, methods);
    }

    private static LoginChallenge loginChallenge(UUID id) {
        LoginChallenge challenge = LoginChallenge.findById(id);
        return requireLogin(challenge);
    }

    private static LoginChallenge loginChallengeForUpdate(UUID id) {
        return requireLogin(LoginChallenge.findForUpdate(id).orElse(null));
    }

    private static LoginChallenge requireLogin(LoginChallenge challenge) {
        if (challenge == null || challenge.purpose != LoginChallenge.Purpose.LOGIN) {
            throw Problems.notFound("challenge_not_found", "There is no such sign-in step; start again.");
        }
        return challenge;
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(401, "invalid_credentials", "Unauthorized", "The username or password is not right.");
    }
}
