package dev.lifeline.auth.domain;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.time.Instant;

/**
 * The emails auth-service asks otp-service to send, each a plain-text Qute template in
 * {@code templates/MailTexts/}, checked against these parameters when the service is built.
 */
@CheckedTemplate(basePath = "MailTexts")
final class MailTexts {

    private MailTexts() {
    }

    /** A one-time link to set a new password: {@code why} it is needed, then what to do {@code then}. */
    static native TemplateInstance passwordReset(String why, Instant expiresAt, String link, String token, String then);

    /** A code that confirms the account's address, also as a link to the security settings page. */
    static native TemplateInstance emailVerification(String username, String code, String link);

    /** The text of {@code email}, without the template file's last line break. */
    static String text(TemplateInstance email) {
        return email.render().strip();
    }
}
