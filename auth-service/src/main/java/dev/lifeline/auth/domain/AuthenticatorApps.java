package dev.lifeline.auth.domain;

import dev.lifeline.auth.client.BackupCodesClient;
import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.contracts.events.TwoFactorEnabled;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import io.nayuki.qrcodegen.QrCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.commons.codec.binary.Base32;

import java.time.Clock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import dev.lifeline.contracts.totp.Totp;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Authenticator apps as a second factor: set up (a secret shown once, as text and as a QR code),
 * confirmed by a first code from the app, checked at sign-in, turned off with the password and a
 * current code. Each code works once per account, and wrong ones spend the same failure budget as
 * every other factor.
 */
@ApplicationScoped
public class AuthenticatorApps {

    @Inject
    Clock clock;

    private final TotpSecrets secrets;
    private final FailureBudget budget;
    private final PasswordConfirmation passwords;
    private final Outbox outbox;
    private final BackupCodesClient backupCodes;
    private final AuthConfig.Totp config;

    public AuthenticatorApps(TotpSecrets secrets, FailureBudget budget, PasswordConfirmation passwords, Outbox outbox,
                             BackupCodesClient backupCodes, AuthConfig config) {
        this.secrets = secrets;
        this.budget = budget;
        this.passwords = passwords;
        this.outbox = outbox;
        this.backupCodes = backupCodes;
        this.config = config.totp();
    }

    /** What the person puts into their app; the secret is never shown again. */
    public record Setup(String secret, String otpauthUri, String qrSvg) {
    }

    public Setup start(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findById(accountId);
            if (account.totpEnabled()) {
                throw new DomainError.Conflict("totp_already_enabled", "An authenticator app is already set up; remove it first to set up another.");
            }
            byte[] secret = TotpSecrets.newSecret();
            account.totpPendingSecret = secrets.encrypt(accountId, secret);
            String base32 = new Base32().encodeAsString(secret).replace("=", "");
            String label = URLEncoder.encode(config.issuer() + ":" + account.username, StandardCharsets.UTF_8).replace("+", "%20");
            String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer="
                    + URLEncoder.encode(config.issuer(), StandardCharsets.UTF_8) + "&algorithm=SHA1&digits=" + Totp.DIGITS
                    + "&period=" + Totp.STEP_SECONDS;
            return new Setup(base32, uri, qrSvg(uri));
        });
    }

    /** The first code from the app turns it on; an account without backup codes (or just recovered) gets a new set. */
    public TwoFactor.Enabled confirm(UUID accountId, String code) {
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId));
        if (account.totpPendingSecret == null) {
            throw new DomainError.Conflict("no_enrollment_in_progress", "Set up the app first (POST /api/me/2fa/totp).");
        }
        long step = acceptedStep(account, secrets.decrypt(accountId, account.totpPendingSecret), code);
        // codes first: if they cannot be made, the app stays off, so no account has a factor without them;
        // a recovered account gets a new set too (whoever took the old factors may hold the old codes)
        boolean newCodes = SignIn.backupCodesLeft(account) == 0 || account.reenrollmentRequired;
        List<String> codes = newCodes ? backupCodes.generate(accountId) : List.of();
        QuarkusTransaction.requiringNew().run(() -> {
            Account enrolled = Account.findById(accountId);
            enrolled.totpSecret = enrolled.totpPendingSecret;
            enrolled.totpPendingSecret = null;
            enrolled.totpLastStep = step;
            enrolled.reenrollmentRequired = false;
            outbox.publish(accountId.toString(), new TwoFactorEnabled(accountId, Factor.TOTP.wireName()));
        });
        return new TwoFactor.Enabled(true, codes);
    }

    /** At sign-in: returns when the code is the app's and its step was not used before. */
    public void verify(Account account, String code) {
        if (!account.totpEnabled()) {
            throw new DomainError.Invalid("method_unavailable", "This account has no authenticator app set up.");
        }
        long step = acceptedStep(account, secrets.decrypt(account.id, account.totpSecret), code);
        if (!QuarkusTransaction.requiringNew().call(() -> Account.acceptTotpStep(account.id, step))) {
            throw budget.wrongCode(account.username, account.id, "reused_totp_code", "code_used",
                    "That code was already used; wait for the next one.");
        }
    }

    public void disable(UUID accountId, String password, String code) {
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId));
        if (!account.totpEnabled()) {
            throw new DomainError.Conflict("totp_not_enabled", "No authenticator app is set up.");
        }
        passwords.confirm(account, password);
        verify(account, code);
        QuarkusTransaction.requiringNew().run(() -> {
            Account changed = Account.findById(accountId);
            changed.totpSecret = null;
            changed.totpLastStep = null;
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, Factor.TOTP.wireName(), "turned off by the owner"));
        });
    }

    private long acceptedStep(Account account, byte[] secret, String code) {
        QuarkusTransaction.requiringNew().run(() -> budget.ensureNotLocked(account.username));
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant());
        if (step.isEmpty()) {
            throw budget.wrongCode(account.username, account.id, "wrong_totp_code", "invalid_code", "That code is not right.");
        }
        return step.getAsLong();
    }

    /** The URI as an SVG QR code, one square per dark module, with the quiet zone the standard asks for. */
    static String qrSvg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int border = 4;
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code for your authenticator app\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
