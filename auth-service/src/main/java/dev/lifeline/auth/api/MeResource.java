package dev.lifeline.auth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.PhoneNumbers;
import dev.lifeline.auth.domain.Sessions;
import dev.lifeline.auth.domain.SignIn;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.RecoveryInProgress;
import dev.lifeline.problem.Problems;
import dev.lifeline.security.Masking;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Account")
public class MeResource {

    private final Caller caller;
    private final Sessions sessions;

    public MeResource(Caller caller, Sessions sessions) {
        this.caller = caller;
        this.sessions = sessions;
    }

    /** {@code notices}: what the owner should act on now, such as a recovery someone asked for. */
    public record Me(UUID id, String username, String email, boolean emailVerified, TwoFactorState twoFactor,
                     List<SignIn.Notice> notices) {
    }

    public record TwoFactorState(SmsState sms, TotpState totp, PasskeyState passkeys, BackupCodesState backupCodes) {
    }

    public record PasskeyState(int registered) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SmsState(boolean enabled, String maskedPhone) {
    }

    public record TotpState(boolean enabled) {
    }

    public record BackupCodesState(int remaining) {
    }

    public record SessionView(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, boolean current) {
    }

    @Operation(summary = "The signed-in account: username, factors, backup codes left, email state")
    @GET
    public Me me() {
        AccessTokens.Claims me = caller.enrolling();
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(me.accountId()));
        return new Me(account.id, account.username, account.email, account.emailVerified, new TwoFactorState(
                new SmsState(account.smsEnabled(), Masking.phone(account.smsPhone)),
                new TotpState(account.totpEnabled()),
                new PasskeyState(account.passkeyCount),
                new BackupCodesState(SignIn.backupCodesLeft(account))), recoveryNotices(account.id));
    }

    /** Every recovery of this account under way, with the owner's way to stop it (at ticket-service). */
    private static List<SignIn.Notice> recoveryNotices(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryInProgress.of(accountId).stream()
                .map(r -> new SignIn.Notice("recovery_requested",
                        "Someone asked support to recover your account (" + r.status.toLowerCase(Locale.ROOT).replace('_', ' ')
                                + "). If that was not you, stop it.",
                        null, "POST /api/me/recovery-tickets/" + r.ticketId + "/cancel"))
                .toList());
    }

    @Operation(summary = "The account's active sessions")
    @GET
    @Path("/sessions")
    public List<SessionView> sessions() {
        AccessTokens.Claims me = caller.account();
        return sessions.active(me.accountId()).stream()
                .map(s -> new SessionView(s.id, s.createdAt, s.lastUsedAt, s.expiresAt, s.id.equals(me.sessionId())))
                .toList();
    }

    @Operation(summary = "End one of the account's sessions")
    @DELETE
    @Path("/sessions/{id}")
    public Response revoke(@PathParam("id") UUID sessionId) {
        AccessTokens.Claims me = caller.account();
        if (!sessions.revoke(me.accountId(), sessionId, "revoked by the owner")) {
            throw Problems.notFound("session_not_found", "You have no active session with this id.");
        }
        return Response.noContent().build();
    }
}
