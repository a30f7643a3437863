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

    private static final String NOT_YOU = "\n\nIf this was not you, open a recovery request at once: /recover";

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
                            "The email address of your Lifeline account was changed to " + Masking.email(changed.email())
                                    + ". We will write there from now on." + NOT_YOU);
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
                    "Two-step sign-in (" + enabled.method() + ") was turned on for your Lifeline account." + NOT_YOU));
        }
        if (event instanceof TwoFactorDisabled disabled) {
            return Optional.of(new Notice(disabled.accountId(), "Two-step sign-in is off",
                    "Two-step sign-in (" + disabled.method() + ") was turned off for your Lifeline account"
                            + (disabled.reason() == null ? "." : ": " + disabled.reason() + ".") + NOT_YOU));
        }
        if (event instanceof AccountRecovered recovered) {
            return Optional.of(new Notice(recovered.accountId(), "Your account was recovered",
                    "Support approved recovery request " + recovered.ticketId() + ". Two-step sign-in is off and every device was "
                            + "signed out. Set a new password with the link in our other email (the old one no longer signs in), "
                            + "then sign in and set up two-step sign-in again, with new backup codes." + NOT_YOU));
        }
        if (event instanceof PasswordChanged changed) {
            return Optional.of(new Notice(changed.accountId(), "Your password was changed",
                    "The password of your Lifeline account was changed." + NOT_YOU));
        }
        if (event instanceof BackupCodeUsed used) {
            return Optional.of(new Notice(used.accountId(), "A backup code was used to sign in",
                    "A backup code was used to sign in to your Lifeline account. You have " + used.remaining()
                            + " left; make a new set in your security settings when you run low." + NOT_YOU));
        }
        if (event instanceof BackupCodeSetGenerated generated) {
            return Optional.of(new Notice(generated.accountId(), "New backup codes",
                    "A new set of " + generated.total() + " backup codes was made for your Lifeline account; the old ones "
                            + "no longer work." + NOT_YOU));
        }
        return Optional.empty();
    }
}
