package dev.lifeline.auth.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.client.BackupCodesClient;
import dev.lifeline.contracts.internal.BackupCodeChecks;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.BackupCodeCount;
import dev.lifeline.auth.persistence.SmsChannel;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.auth.persistence.SmsRequest;
import dev.lifeline.problem.DomainError;
import dev.lifeline.security.Usernames;
import dev.lifeline.security.Masking;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import static dev.lifeline.auth.domain.Factor.BACKUP_CODE;
import static dev.lifeline.auth.domain.Factor.PASSKEY;
import static dev.lifeline.auth.domain.Factor.SMS;
import static dev.lifeline.auth.domain.Factor.TOTP;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Signing in: the password, then, when the account has a second factor, a challenge that one of
 * the factors must answer. Unknown usernames and wrong passwords get the same answer in the same
 * time, and both spend the username's failure budget.
 */
@ApplicationScoped
public class SignIn {

    static final String SMS_DELAYED = "Text messages are delayed right now: use a backup code.";
    static final String TEXT_PENDING = "PENDING";
    static final String TEXT_DELIVERED = "DELIVERED";
    static final String TEXT_FAILED = "FAILED";
    static final String TEXT_FAILED_MESSAGE = "We could not deliver the text with your code. Use another way to sign in below, "
            + "or ask for a new text.";
    static final String SMS_OVER_BUDGET = "We are not sending text messages for now: use another way to sign in.";

    @Inject
    Clock clock;

    private final PasswordHasher hasher;
    private final FailureBudget budget;
    private final Sessions sessions;
    private final SmsCodes smsCodes;
    private final BackupCodesClient backupCodes;
    private final AuthenticatorApps authenticatorApps;
    private final Passkeys passkeys;
    private final AuthConfig.Challenge config;
    private final RequestOrigin origin;
    private final SmsBudget smsBudget;
    private final SignInMetrics metrics;

    public SignIn(PasswordHasher hasher, FailureBudget budget, Sessions sessions, SmsCodes smsCodes,
                  BackupCodesClient backupCodes, AuthenticatorApps authenticatorApps, Passkeys passkeys, AuthConfig config,
                  RequestOrigin origin, SmsBudget smsBudget, SignInMetrics metrics) {
        this.metrics = metrics;
        this.origin = origin;
        this.smsBudget = smsBudget;
        this.authenticatorApps = authenticatorApps;
        this.passkeys = passkeys;
        this.hasher = hasher;
        this.budget = budget;
        this.sessions = sessions;
        this.smsCodes = smsCodes;
        this.backupCodes = backupCodes;
        this.config = config.challenge();
    }

    /** Something the person should know after signing in, with what to do about it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notice(String type, String message, Integer remaining, String action) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String status, Tokens tokens, ChallengeView challenge, List<Notice> notices) {
        static Outcome authenticated(Tokens tokens) {
            return authenticated(tokens, List.of());
        }

        static Outcome authenticated(Tokens tokens, List<Notice> notices) {
            return new Outcome("AUTHENTICATED", tokens, null, notices);
        }

        /** A recovered account: tokens that can only turn two-factor on again. */
        static Outcome enrollmentRequired(Tokens tokens) {
            return new Outcome("ENROLLMENT_REQUIRED", tokens, null, List.of(new Notice("two_factor_enrollment_required",
                    "Your account was recovered. Turn on two-step sign-in again: you will get new backup codes.",
                    null, "POST /api/me/2fa/sms")));
        }

        static Outcome secondFactorRequired(ChallengeView challenge) {
            return new Outcome("SECOND_FACTOR_REQUIRED", null, challenge, null);
        }
    }

    public Outcome withPassword(String username, String password) {
        return counted("password", () -> passwordStep(username, password));
    }

    private Outcome passwordStep(String username, String password) {
        hasher.refuseIfFull();
        String key = Usernames.normalize(username);
        record Known(boolean hasFailures, Optional<Account> account, String passwordKey) {
        }
        Known known = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Account> account = Account.findByUsername(key);
            String passwordKey = FailureBudget.passwordKey(key, account, origin.clientAddress());
            boolean hasFailures = budget.ensureNotLocked(key);
            if (!passwordKey.equals(key)) {
                hasFailures |= budget.ensureNotLocked(passwordKey);
            }
            return new Known(hasFailures, account, passwordKey);
        });
        Optional<Account> found = known.account();
        PasswordHasher.Check check = found.map(a -> hasher.verify(password, a.passwordHash))
                .orElseGet(() -> hasher.verifyAgainstNobody(password));
        if (!check.matches()) {
            budget.recordFailure(known.passwordKey(), found.map(a -> a.id).orElse(null), "wrong_password");
            throw invalidCredentials();
        }
        if (found.get().disabled()) {
            // a disabled account answers exactly as a wrong password does
            throw invalidCredentials();
        }
        Account account = found.get();
        if (account.passwordResetRequired) {
            throw new DomainError.Refused("password_reset_required", "This account was recovered, and its old password no longer signs in: set a new one with the link we emailed "
                            + "to the account's address.");
        }
        if (check.needsRehash()) {
            String stronger = hasher.hash(password);
            QuarkusTransaction.requiringNew().run(() -> Account.<Account>findById(account.id).passwordHash = stronger);
        }
        if (!account.hasSecondFactor()) {
            if (known.hasFailures()) {
                budget.reset(key);
            }
            Tokens tokens = sessions.start(account, "password");
            metrics.signedInWithPasswordOnly();
            return account.reenrollmentRequired ? Outcome.enrollmentRequired(tokens) : Outcome.authenticated(tokens, staffNotices(account));
        }
        LoginChallenge challenge = QuarkusTransaction.requiringNew().call(() -> open(account, LoginChallenge.Purpose.LOGIN, account.smsPhone));
        ChallengeView view = describe(challenge, account);
        boolean textsUnusable = view.methods().stream().anyMatch(method -> method.method() == SMS && !method.available());
        if (account.smsEnabled() && textsUnusable && view.recommended() != SMS) {
            metrics.routedTo(view.recommended());
        }
        return Outcome.secondFactorRequired(view);
    }

    /** Answers a sign-in step, counting it by factor as a success or, when the person is refused, a failure. */
    private Outcome counted(String method, java.util.function.Supplier<Outcome> step) {
        try {
            Outcome outcome = step.get();
            metrics.succeeded(method);
            return outcome;
        } catch (DomainError refused) {
            if (!(refused instanceof DomainError.Unavailable)) {
                metrics.failed(method);
            }
            throw refused;
        }
    }

    /**
     * The sign-in step as it stands now: the page asks again while a text is on its way, to learn
     * whether it arrived or failed and whether the SMS channel changed meanwhile.
     */
    public ChallengeView challenge(UUID challengeId) {
        Step step = openStep(challengeId);
        return describe(step.challenge(), step.account());
    }

    public SmsSent sendSms(UUID challengeId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LoginChallenge challenge = loginChallengeForUpdate(challengeId);
            SmsChannel channel = SmsChannel.current();
            if (!channel.usable()) {
                metrics.textRefused("degraded");
                Account account = Account.findById(challenge.accountId);
                throw new DomainError.Unavailable("sms_degraded", SMS_DELAYED + " " + channel.reason)
                        .with("smsChannel", channel.state.name())
                        .with("alternatives", alternatives(account))
                        .retryAfter(60);
            }
            if (smsBudget.usage().exhausted()) {
                metrics.textRefused("over_budget");
                throw SmsBudget.exhausted().with("alternatives", alternatives(Account.findById(challenge.accountId)));
            }
            return smsCodes.send(challenge);
        });
    }

    public Outcome withSecondFactor(UUID challengeId, Factor method, String code) {
        return counted(method.wireName(), () -> secondFactorStep(challengeId, method, code));
    }

    private Outcome secondFactorStep(UUID challengeId, Factor method, String code) {
        Step step = step(challengeId);
        LoginChallenge challenge = step.challenge();
        Account account = step.account();
        List<Notice> notices = switch (method) {
            case SMS -> {
                if (!account.smsEnabled()) {
                    throw new DomainError.Invalid("method_unavailable", "This account has no SMS two-factor.");
                }
                smsCodes.verify(challenge, code, account.username);
                yield List.of();
            }
            case BACKUP_CODE -> List.of(verifyBackupCode(challenge, account, code));
            case TOTP -> {
                SmsCodes.ensureOpen(challenge, clock.instant());
                authenticatorApps.verify(account, code);
                yield List.of();
            }
            // a passkey answers through withPasskey, with the browser's credential rather than a code
            case PASSKEY -> throw new DomainError.Invalid("method_unavailable", "This account has no " + method + " set up.");
        };
        return complete(challenge, account, method, notices);
    }

    /** A passkey prompt for this sign-in: the browser passes it to {@code navigator.credentials.get}. */
    public Passkeys.RequestOptions passkeyOptions(UUID challengeId) {
        return passkeys.requestOptions(openStep(challengeId).account(), challengeId);
    }

    /** The second step answered with a passkey: {@code credentialJson} is the browser's answer to {@link #passkeyOptions}. */
    public Outcome withPasskey(UUID challengeId, String credentialJson) {
        return counted(PASSKEY.wireName(), () -> passkeyStep(challengeId, credentialJson));
    }

    private Outcome passkeyStep(UUID challengeId, String credentialJson) {
        Step step = openStep(challengeId);
        passkeys.verify(step.account(), challengeId, credentialJson);
        return complete(step.challenge(), step.account(), PASSKEY, List.of());
    }

    private Outcome complete(LoginChallenge challenge, Account account, Factor method, List<Notice> notices) {
        Tokens tokens = QuarkusTransaction.requiringNew().call(() -> {
            smsCodes.complete(challenge.id);
            return sessions.start(account, method.wireName());
        });
        budget.reset(account.username);
        return Outcome.authenticated(tokens, Stream.concat(notices.stream(), staffNotices(account).stream()).toList());
    }

    /** The factors besides SMS this account can sign in with now. */
    private static List<Factor> alternatives(Account account) {
        List<Factor> alternatives = new java.util.ArrayList<>();
        if (account.passkeyEnabled()) {
            alternatives.add(PASSKEY);
        }
        if (account.totpEnabled()) {
            alternatives.add(TOTP);
        }
        if (backupCodesLeft(account) > 0) {
            alternatives.add(BACKUP_CODE);
        }
        return alternatives;
    }

    /** Staff whose tokens lack their staff role because the account has no app or passkey yet are told why. */
    private static List<Notice> staffNotices(Account account) {
        if (!account.isStaff() || account.hasFactorBeyondSms()) {
            return List.of();
        }
        return List.of(new Notice("staff_second_factor_required",
                "Staff tools need an authenticator app or a passkey on this account: set one up in Security settings, then sign in again.",
                null, "POST /api/me/2fa/totp"));
    }

    /** Checks and uses up a backup code; wrong ones draw on the same failure budget as wrong SMS codes. */
    private Notice verifyBackupCode(LoginChallenge challenge, Account account, String code) {
        SmsCodes.ensureOpen(challenge, clock.instant());
        return useBackupCode(account, code);
    }

    /** Uses up one backup code of the account; wrong ones spend its failure budget. Returns how many are left, as a notice. */
    Notice useBackupCode(Account account, String code) {
        QuarkusTransaction.requiringNew().run(() -> budget.ensureNotLocked(account.username));
        BackupCodeChecks.Verdict verdict = backupCodes.verify(account.id, code);
        if (verdict.outcome() == BackupCodeChecks.Outcome.ALREADY_USED) {
            throw budget.wrongCode(account.username, account.id, "wrong_backup_code", "backup_code_used",
                    "That backup code was already used; each works once.");
        }
        if (verdict.outcome() != BackupCodeChecks.Outcome.ACCEPTED) {
            throw budget.wrongCode(account.username, account.id, "wrong_backup_code", "invalid_code", "That backup code is not right.");
        }
        int remaining = (int) verdict.remaining();
        String message = remaining == 0
                ? "That was your last backup code. Make a new set now, so you are not locked out if text messages fail."
                : "You have " + remaining + " backup code" + (remaining == 1 ? "" : "s") + " left."
                        + (remaining <= 2 ? " Make a new set soon." : " You can make a new set at any time.");
        return new Notice("backup_codes_remaining", message, remaining, "POST /api/me/backup-codes");
    }

    /** A new challenge for the account; its SMS codes go to {@code phone}. */
    LoginChallenge open(Account account, LoginChallenge.Purpose purpose, String phone) {
        Instant now = clock.instant();
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

    /**
     * The methods, each with whether it works now and why not, and the one to use: a passkey or an
     * authenticator app when there is one (they work in any outage and cost no text; a passkey cannot
     * be phished), else SMS while the channel is healthy, else a backup code.
     */
    private ChallengeView describe(LoginChallenge challenge, Account account) {
        record Now(int backupCodesLeft, SmsChannel channel, boolean smsOverBudget, ChallengeView.LastText lastText) {
        }
        Now now = QuarkusTransaction.requiringNew().call(() -> new Now(remainingBackupCodes(account), SmsChannel.current(),
                smsBudget.usage().exhausted(), lastText(challenge.id)));
        int backupCodesLeft = now.backupCodesLeft();
        SmsChannel channel = now.channel();
        ChallengeView.Method sms = !account.smsEnabled()
                ? new ChallengeView.Method(SMS, false, "No phone is set up for this account.", null)
                : !channel.usable()
                        ? new ChallengeView.Method(SMS, false, SMS_DELAYED, Masking.phone(account.smsPhone))
                        : now.smsOverBudget()
                                ? new ChallengeView.Method(SMS, false, SMS_OVER_BUDGET, Masking.phone(account.smsPhone))
                                : new ChallengeView.Method(SMS, true, null, Masking.phone(account.smsPhone));
        ChallengeView.Method backupCode = backupCodesLeft > 0
                ? new ChallengeView.Method(BACKUP_CODE, true, null, null)
                : new ChallengeView.Method(BACKUP_CODE, false, "All backup codes of this account have been used.", null);
        ChallengeView.Method totp = account.totpEnabled()
                ? new ChallengeView.Method(TOTP, true, null, null)
                : new ChallengeView.Method(TOTP, false, "No authenticator app is set up for this account.", null);
        ChallengeView.Method passkey = account.passkeyEnabled()
                ? new ChallengeView.Method(PASSKEY, true, null, null)
                : new ChallengeView.Method(PASSKEY, false, "No passkey is registered for this account.", null);
        ChallengeView.LastText lastText = now.lastText();
        boolean textFailed = lastText != null && TEXT_FAILED.equals(lastText.status());
        Factor recommended = List.of(passkey, totp, sms, backupCode).stream()
                .filter(ChallengeView.Method::available)
                .filter(method -> !(textFailed && method == sms))
                .map(ChallengeView.Method::method)
                .findFirst()
                .orElse(account.smsEnabled() ? SMS : BACKUP_CODE);
        return new ChallengeView(challenge.id, challenge.expiresAt, channel.state.name(), recommended,
                List.of(sms, backupCode, totp, passkey), lastText);
    }

    private static ChallengeView.LastText lastText(UUID challengeId) {
        return SmsRequest.latestFor(challengeId).map(text -> text.deliveredAt != null
                        ? new ChallengeView.LastText(TEXT_DELIVERED, text.requestedAt, null)
                        : text.failedAt != null
                                ? new ChallengeView.LastText(TEXT_FAILED, text.requestedAt, TEXT_FAILED_MESSAGE)
                                : new ChallengeView.LastText(TEXT_PENDING, text.requestedAt, null))
                .orElse(null);
    }

    /**
     * From backup-codes.events. Before the first event arrives an account with two-factor on has a
     * full set: turning two-factor on made one.
     */
    public static int backupCodesLeft(Account account) {
        return QuarkusTransaction.requiringNew().call(() -> remainingBackupCodes(account));
    }

    private static int remainingBackupCodes(Account account) {
        BackupCodeCount count = BackupCodeCount.findById(account.id);
        if (count != null) {
            return count.remaining;
        }
        return account.hasSecondFactor() ? 10 : 0;
    }

    /** A sign-in step and the account it signs in to, read together. */
    private record Step(LoginChallenge challenge, Account account) {
    }

    private static Step step(UUID challengeId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LoginChallenge challenge = requireLogin(LoginChallenge.findById(challengeId));
            return new Step(challenge, Account.findById(challenge.accountId));
        });
    }

    /** {@link #step}, refused when it is done or has expired. */
    private Step openStep(UUID challengeId) {
        Step step = step(challengeId);
        SmsCodes.ensureOpen(step.challenge(), clock.instant());
        return step;
    }

    private static LoginChallenge loginChallengeForUpdate(UUID id) {
        return requireLogin(LoginChallenge.findForUpdate(id).orElse(null));
    }

    private static LoginChallenge requireLogin(LoginChallenge challenge) {
        if (challenge == null || challenge.purpose != LoginChallenge.Purpose.LOGIN) {
            throw new DomainError.NotFound("challenge_not_found", "There is no such sign-in step; start again.");
        }
        return challenge;
    }

    static DomainError invalidCredentials() {
        return new DomainError.NotAuthenticated("invalid_credentials", "The username or password is not right.");
    }
}
