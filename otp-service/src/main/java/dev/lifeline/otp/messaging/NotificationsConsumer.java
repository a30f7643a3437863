package dev.lifeline.otp.messaging;

import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.otp.domain.AccountNotices;
import dev.lifeline.otp.domain.Emails;
import dev.lifeline.outbox.AppliedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The events that end in an email: account changes ({@code account.security-events},
 * {@code backup-codes.events}) and emails other services ask for ({@code notify.email}). Each is
 * queued in the transaction that records the event as applied, so none is sent twice or lost.
 */
@ApplicationScoped
public class NotificationsConsumer {

    private final AppliedEvents applied;
    private final AccountNotices notices;
    private final Emails emails;

    public NotificationsConsumer(AppliedEvents applied, AccountNotices notices, Emails emails) {
        this.applied = applied;
        this.notices = notices;
        this.emails = emails;
    }

    @Incoming("account-security-events")
    @Blocking
    public void onAccountEvent(String record) {
        applied.applyOnce("otp-account-notices", record, AccountNotices::actsOn, event -> {
            notices.on(event.payload());
            return null;
        });
    }

    @Incoming("backup-code-events")
    @Blocking
    public void onBackupCodeEvent(String record) {
        applied.applyOnce("otp-backup-code-notices", record, AccountNotices::actsOn, event -> {
            notices.on(event.payload());
            return null;
        });
    }

    @Incoming("email-requests")
    @Blocking
    public void onEmailRequested(String record) {
        applied.applyOnce("otp-email-requests", record, event -> {
            if (event.payload() instanceof EmailRequested email) {
                emails.queue(email.to(), email.subject(), email.text());
            }
            return null;
        });
    }
}
