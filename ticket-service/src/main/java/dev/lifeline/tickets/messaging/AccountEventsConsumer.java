package dev.lifeline.tickets.messaging;

import dev.lifeline.contracts.events.AccountRecovered;
import dev.lifeline.contracts.events.AccountRegistered;
import dev.lifeline.contracts.EventPayload;
import dev.lifeline.contracts.events.EmailAddressChanged;
import dev.lifeline.contracts.events.LoginFailed;
import dev.lifeline.contracts.events.LoginSucceeded;
import dev.lifeline.contracts.events.PasswordChanged;
import dev.lifeline.contracts.events.SessionsRevoked;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.contracts.events.TwoFactorEnabled;
import dev.lifeline.outbox.AppliedEvents;
import dev.lifeline.tickets.domain.Holds;
import dev.lifeline.tickets.domain.RecoveryMail;
import dev.lifeline.tickets.persistence.AccountActivity;
import dev.lifeline.tickets.persistence.AccountView;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code account.security-events} → the evidence agents see (account exists, factors, last
 * sign-in, recent failures and changes), the news that a recovery was carried out, and an address
 * verified after a ticket opened (its owner is told then).
 */
@ApplicationScoped
public class AccountEventsConsumer {

    private static final Logger LOG = Logger.getLogger(AccountEventsConsumer.class);

    private final AppliedEvents applied;
    private final Holds holds;
    private final RecoveryMail recoveryMail;

    public AccountEventsConsumer(AppliedEvents applied, Holds holds, RecoveryMail recoveryMail) {
        this.applied = applied;
        this.holds = holds;
        this.recoveryMail = recoveryMail;
    }

    @Incoming("account-security-events")
    @Blocking
    public void onAccountEvent(String record) {
        applied.applyOnce("tickets-account-view", record, event -> {
            apply(event.payload(), event.occurredAt());
            return null;
        });
    }

    private void apply(EventPayload payload, Instant at) {
        if (payload instanceof AccountRegistered registered) {
            AccountView view = AccountView.<AccountView>findByIdOptional(registered.accountId()).orElseGet(AccountView::new);
            boolean isNew = view.accountId == null;
            view.accountId = registered.accountId();
            view.username = registered.username();
            view.email = registered.email();
            view.registeredAt = at;
            if (isNew) {
                view.persist();
            }
        } else if (payload instanceof TwoFactorEnabled enabled) {
            if ("sms".equals(enabled.method())) {
                view(enabled.accountId()).ifPresent(v -> v.smsEnabled = true);
            }
            AccountActivity.record(enabled.accountId(), "2fa_enabled", enabled.method(), at);
        } else if (payload instanceof TwoFactorDisabled disabled) {
            if ("sms".equals(disabled.method())) {
                view(disabled.accountId()).ifPresent(v -> v.smsEnabled = false);
            }
            AccountActivity.record(disabled.accountId(), "2fa_disabled", disabled.reason(), at);
        } else if (payload instanceof EmailAddressChanged changed) {
            view(changed.accountId()).ifPresent(v -> {
                v.email = changed.email();
                v.emailVerified = changed.verified();
                if (changed.verified()) {
                    recoveryMail.addressVerified(v);
                }
            });
            AccountActivity.record(changed.accountId(), changed.verified() ? "email_verified" : "email_changed", null, at);
        } else if (payload instanceof PasswordChanged changed) {
            AccountActivity.record(changed.accountId(), "password_changed", null, at);
        } else if (payload instanceof SessionsRevoked revoked) {
            AccountActivity.record(revoked.accountId(), "sessions_revoked", revoked.reason(), at);
        } else if (payload instanceof LoginFailed failed) {
            AccountActivity.record(failed.accountId(), AccountActivity.LOGIN_FAILED, failed.reason(), at);
        } else if (payload instanceof LoginSucceeded succeeded) {
            view(succeeded.accountId()).ifPresent(v -> {
                v.lastLoginAt = at;
                v.lastLoginMethod = succeeded.method();
            });
        } else if (payload instanceof AccountRecovered recovered) {
            AccountActivity.record(recovered.accountId(), "recovered", "ticket " + recovered.ticketId(), at);
            holds.recovered(recovered.ticketId());
        }
    }

    /**
     * Events of one account come after its registration (same key, same partition); an account
     * registered before this service kept a view is simply not known here.
     */
    private static Optional<AccountView> view(UUID accountId) {
        Optional<AccountView> view = AccountView.findByIdOptional(accountId);
        if (view.isEmpty()) {
            LOG.warnf("event for account %s, which registered before this view began; ignored", accountId);
        }
        return view;
    }
}
