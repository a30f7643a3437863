package dev.lifeline.otp.domain;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.UUID;

/**
 * The notices owners get about changes to their account, each a plain-text Qute template in
 * {@code templates/MailTexts/} (all end with {@code notYou.txt}), checked against these parameters
 * when the service is built.
 */
@CheckedTemplate(basePath = "MailTexts")
final class MailTexts {

    private MailTexts() {
    }

    static native TemplateInstance emailChanged(String maskedEmail);

    static native TemplateInstance twoFactorOn(String method);

    /** {@code reason} may be null. */
    static native TemplateInstance twoFactorOff(String method, String reason);

    static native TemplateInstance recovered(UUID ticketId);

    static native TemplateInstance passwordChanged();

    static native TemplateInstance backupCodeUsed(int remaining);

    static native TemplateInstance backupCodesMade(int total);

    /** The text of {@code email}, without the template file's last line break. */
    static String text(TemplateInstance email) {
        return email.render().strip();
    }
}
