package dev.lifeline.otp.domain;

import dev.lifeline.contracts.events.AccountRecovered;
import dev.lifeline.contracts.events.AccountRegistered;
import dev.lifeline.contracts.events.BackupCodeSetGenerated;
import dev.lifeline.contracts.events.BackupCodeUsed;
import dev.lifeline.contracts.EventPayload;
import dev.lifeline.contracts.events.EmailAddressChanged;
import dev.lifeline.contracts.events.PasswordChanged;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.contracts.events.TwoFactorEnabled;
import dev.lifeline.otp.persistence.AccountContact;
import dev.lifeline.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells owners by email about every change to how their account is protected: two-factor on or
 * off, a recovery carried out, a new password, a new email address (told to the old one), a backup
 * code used or a new set made. Someone who
 * did not do it learns at once, on a channel an attacker holding the session does not control.
 */
@ApplicationScoped
public class AccountNotices {

    private final Emails emails;

    public AccountNotices(Emails emails) {
        this.emails = emails;
    }

    private record Notice(UUID accountId, String subject, String text) {
    }

    /** Whether {@link #on} does anything with this event (sign-ins and failed sign-ins, the busiest, it does not). */
    public static boolean actsOn(EventPayload event) {
        return event instanceof AccountRegistered || event instanceof EmailAddressChanged || event instanceof TwoFactorEnabled
                || event instanceof TwoFactorDisabled || event instanceof AccountRecovered || event instanceof PasswordChanged
                || event instanceof BackupCodeUsed || event instanceof BackupCodeSetGenerated;
    }

    /** Applies one account event: remembers contacts, queues the email an owner should get. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void on(EventPayload event) {
        if (event instanceof AccountRegistered registered) {
            AccountContact contact = AccountContact.<AccountContact>findByIdOptional(registered.accountId()).orElseGet(AccountContact::new);
            contact.accountId = registered.accountId();
            contact.email = registered.email();
            contact.persist();
            return;
        }
        if (event instanceof EmailAddressChanged changed) {
            AccountContact.<AccountContact>findByIdOptional(changed.accountId()).ifPresent(contact -> {
                if (!contact.email.equals(changed.email())) {
                    // to the old address, by name: the owner may not read the new one, and someone else may
                    emails.queue(List.of(contact.email), "Your Lifeline email address was changed",
                            MailTexts.text(MailTexts.emailChanged(Masking.email(changed.email()))));
                    contact.email = changed.email();
                }
            });
            return;
        }
        noticeFor(event).ifPresent(notice -> emails.queueToOwner(notice.accountId(), notice.subject(), notice.text()));
    }

    private static Optional<Notice> noticeFor(EventPayload event) {
        if (event instanceof TwoFactorEnabled enabled) {
            return Optional.of(new Notice(enabled.accountId(), "Two-step sign-in is on",
                    MailTexts.text(MailTexts.twoFactorOn(enabled.method()))));
        }
        if (event instanceof TwoFactorDisabled disabled) {
            return Optional.of(new Notice(disabled.accountId(), "Two-step sign-in is off",
                    MailTexts.text(MailTexts.twoFactorOff(disabled.method(), disabled.reason()))));
        }
        if (event instanceof AccountRecovered recovered) {
            return Optional.of(new Notice(recovered.accountId(), "Your account was recovered",
                    MailTexts.text(MailTexts.recovered(recovered.ticketId()))));
        }
        if (event instanceof PasswordChanged changed) {
            return Optional.of(new Notice(changed.accountId(), "Your password was changed",
                    MailTexts.text(MailTexts.passwordChanged())));
        }
        if (event instanceof BackupCodeUsed used) {
            return Optional.of(new Notice(used.accountId(), "A backup code was used to sign in",
                    MailTexts.text(MailTexts.backupCodeUsed(used.remaining()))));
        }
        if (event instanceof BackupCodeSetGenerated generated) {
            return Optional.of(new Notice(generated.accountId(), "New backup codes",
                    MailTexts.text(MailTexts.backupCodesMade(generated.total()))));
        }
        return Optional.empty();
    }
}
