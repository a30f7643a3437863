package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.TwoFactor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/me/2fa")
@Produces(MediaType.APPLICATION_JSON)
public class TwoFactorResource {

    private final Bearer bearer;
    private final TwoFactor twoFactor;

    public TwoFactorResource(Bearer bearer, TwoFactor twoFactor) {
        this.bearer = bearer;
        this.twoFactor = twoFactor;
    }

    public record NewPhone(@NotBlank @Size(max = 32) String phone) {
    }

    public record Code(@NotBlank @Size(max = 64) String code) {
    }

    public record Disable(@NotNull @Size(max = 1024) String password, @NotBlank @Size(max = 64) String code) {
    }

    @POST
    @Path("/sms")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrollSms(@HeaderParam("Authorization") String authorization, @NotNull @Valid NewPhone request) {
        AccessTokens.Claims caller = bearer.requireForEnrollment(authorization);
        return Response.accepted(twoFactor.startSmsEnrollment(caller.accountId(), request.phone())).build();
    }

    @POST
    @Path("/sms/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public TwoFactor.Enabled confirmSms(@HeaderParam("Authorization") String authorization, @NotNull @Valid Code request) {
        AccessTokens.Claims caller = bearer.requireForEnrollment(authorization);
        return twoFactor.confirmSms(caller.accountId(), SmsCodeFormat.check("sms", request.code()));
    }

    /** A code to the enrolled phone, to confirm turning two-factor off. */
    @POST
    @Path("/sms/code")
    public Response stepUpCode(@HeaderParam("Authorization") String authorization) {
        AccessTokens.Claims caller = bearer.require(authorization);
        return Response.accepted(twoFactor.sendStepUpCode(caller.accountId())).build();
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    public Response disable(@HeaderParam("Authorization") String authorization, @NotNull @Valid Disable request) {
        AccessTokens.Claims caller = bearer.require(authorization);
        twoFactor.disable(caller.accountId(), request.password(), SmsCodeFormat.check("sms", request.code()));
        return Response.noContent().build();
    }
}
