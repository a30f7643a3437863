package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.auth.domain.AuthenticatorApps;
import dev.lifeline.auth.domain.Factor;
import dev.lifeline.auth.domain.Passkeys;
import dev.lifeline.auth.domain.TwoFactor;
import dev.lifeline.security.RecentSignIn;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/me/2fa")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Two-factor")
public class TwoFactorResource {

    private final Caller caller;
    private final TwoFactor twoFactor;
    private final AuthenticatorApps authenticatorApps;
    private final Passkeys passkeys;
    private final RecentSignIn recentSignIn;

    public TwoFactorResource(Caller caller, TwoFactor twoFactor, AuthenticatorApps authenticatorApps, Passkeys passkeys,
                             RecentSignIn recentSignIn) {
        this.caller = caller;
        this.twoFactor = twoFactor;
        this.authenticatorApps = authenticatorApps;
        this.passkeys = passkeys;
        this.recentSignIn = recentSignIn;
    }

    public record NewPhone(@NotBlank @Size(max = 32) String phone) {
    }

    public record Code(@NotBlank @Size(max = 64) String code) {
    }

    /** {@code credential}: the browser's answer to {@code POST /api/me/2fa/passkeys/options}. */
    public record NewPasskey(@Size(max = 64) String name, @NotNull JsonNode credential) {
    }

    public record Disable(@NotNull @Size(max = 1024) String password, @NotBlank @Size(max = 64) String code) {
    }

    @Operation(summary = "Start turning SMS two-factor on: a code goes to the new phone")
    @POST
    @Path("/sms")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrollSms(@NotNull @Valid NewPhone request) {
        AccessTokens.Claims me = caller.enrolling();
        return Response.accepted(twoFactor.startSmsEnrollment(me.accountId(), request.phone())).build();
    }

    @Operation(summary = "Finish turning SMS two-factor on with the texted code: the first backup codes, shown once")
    @POST
    @Path("/sms/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public TwoFactor.Enabled confirmSms(@NotNull @Valid Code request) {
        AccessTokens.Claims me = caller.enrolling();
        return twoFactor.confirmSms(me.accountId(), CodeFormat.check(Factor.SMS, request.code()));
    }

    /** A code to the enrolled phone, to confirm turning two-factor off. */
    @Operation(summary = "Text a code to the enrolled phone, to confirm a change")
    @POST
    @Path("/sms/code")
    public Response stepUpCode() {
        AccessTokens.Claims me = caller.account();
        return Response.accepted(twoFactor.sendStepUpCode(me.accountId())).build();
    }

    @Operation(summary = "Turn SMS two-factor off (password and a texted code)")
    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    public Response disable(@NotNull @Valid Disable request) {
        AccessTokens.Claims me = caller.account();
        twoFactor.disable(me.accountId(), request.password(), CodeFormat.check(Factor.SMS, request.code()));
        return Response.noContent().build();
    }

    /** A new authenticator-app secret, shown this once: as text, as an otpauth:// URI and as a QR code. */
    @Operation(summary = "Start adding an authenticator app: its secret, shown once, as text, otpauth URI and QR code")
    @POST
    @Path("/totp")
    @Consumes(MediaType.WILDCARD)
    public Response startTotp() {
        AccessTokens.Claims me = caller.enrolling();
        return Response.status(201).entity(authenticatorApps.start(me.accountId())).build();
    }

    @Operation(summary = "Finish adding an authenticator app with a current code from it")
    @POST
    @Path("/totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public TwoFactor.Enabled confirmTotp(@NotNull @Valid Code request) {
        AccessTokens.Claims me = caller.enrolling();
        return authenticatorApps.confirm(me.accountId(), CodeFormat.check(Factor.TOTP, request.code()));
    }

    /** Removing the app takes the password and a current code from it. */
    @Operation(summary = "Remove the authenticator app (password and a current code)")
    @DELETE
    @Path("/totp")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response disableTotp(@NotNull @Valid Disable request) {
        AccessTokens.Claims me = caller.account();
        authenticatorApps.disable(me.accountId(), request.password(), CodeFormat.check(Factor.TOTP, request.code()));
        return Response.noContent().build();
    }

    @Operation(summary = "A registration prompt for a new passkey, for navigator.credentials.create")
    @POST
    @Path("/passkeys/options")
    @Consumes(MediaType.WILDCARD)
    public Passkeys.CreationOptions passkeyOptions() {
        AccessTokens.Claims me = caller.enrolling();
        return passkeys.creationOptions(me.accountId());
    }

    @Operation(summary = "Register a passkey with the browser's answer to the registration prompt")
    @POST
    @Path("/passkeys")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response registerPasskey(@NotNull @Valid NewPasskey request) {
        AccessTokens.Claims me = caller.enrolling();
        return Response.status(201)
                .entity(passkeys.register(me.accountId(), request.name(), CodeFormat.credential(request.credential()))).build();
    }

    @Operation(summary = "The account's passkeys")
    @GET
    @Path("/passkeys")
    public List<Passkeys.View> listPasskeys() {
        return passkeys.list(caller.account().accountId());
    }

    /** Removing a passkey needs a sign-in or step-up from the last minutes. */
    @Operation(summary = "Remove a passkey (needs a recent sign-in)")
    @DELETE
    @Path("/passkeys/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response removePasskey(@PathParam("id") UUID id) {
        AccessTokens.Claims me = caller.account();
        recentSignIn.require("remove a passkey");
        passkeys.remove(me.accountId(), id);
        return Response.noContent().build();
    }
}
