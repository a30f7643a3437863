package dev.lifeline.auth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.auth.domain.ChallengeView;
import dev.lifeline.auth.domain.Passkeys;
import dev.lifeline.auth.domain.Factor;
import dev.lifeline.auth.domain.SignIn;
import dev.lifeline.auth.domain.SmsSent;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/login")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Sign-in")
public class LoginResource {

    private final SignIn signIn;

    public LoginResource(SignIn signIn) {
        this.signIn = signIn;
    }

    public record Credentials(@NotBlank @Size(max = 64) String username, @NotNull @Size(max = 1024) String password) {
    }

    /** {@code code} for sms, backup_code and totp; {@code credential} (the browser's PublicKeyCredential as JSON) for passkey. */
    public record SecondFactor(
            @NotBlank @Pattern(regexp = Factor.NAMES, message = Factor.NAMES_RULE) String method,
            @Size(max = 64) String code,
            JsonNode credential) {
    }

    @Operation(summary = "Sign in with username and password: tokens, or a second-factor challenge")
    @POST
    public SignIn.Outcome login(@NotNull @Valid Credentials credentials) {
        return signIn.withPassword(credentials.username(), credentials.password());
    }

    /** Where this sign-in step stands: the methods now, and what became of the last text. */
    @Operation(summary = "A sign-in challenge as it stands: each factor and whether it works now, the recommended one, the last text's fate")
    @GET
    @Path("/challenges/{id}")
    public ChallengeView challenge(@PathParam("id") UUID challengeId) {
        return signIn.challenge(challengeId);
    }

    /** Takes no body, so a client need not say what kind of body it is not sending. */
    @Operation(summary = "Text a code for this sign-in (refused with alternatives while SMS is degraded or over budget)")
    @POST
    @Path("/challenges/{id}/sms")
    @Consumes(MediaType.WILDCARD)
    public Response sendSms(@PathParam("id") UUID challengeId) {
        SmsSent sent = signIn.sendSms(challengeId);
        return Response.accepted(sent).build();
    }

    @Operation(summary = "A passkey prompt for this sign-in, for navigator.credentials.get")
    @POST
    @Path("/challenges/{id}/passkey")
    @Consumes(MediaType.WILDCARD)
    public Passkeys.RequestOptions passkeyOptions(@PathParam("id") UUID challengeId) {
        return signIn.passkeyOptions(challengeId);
    }

    @Operation(summary = "Answer the challenge with a factor (sms, backup_code, totp or passkey): tokens when right")
    @POST
    @Path("/challenges/{id}/verify")
    public SignIn.Outcome verify(@PathParam("id") UUID challengeId, @NotNull @Valid SecondFactor answer) {
        Factor method = Factor.named(answer.method());
        if (method == Factor.PASSKEY) {
            return signIn.withPasskey(challengeId, CodeFormat.credential(answer.credential()));
        }
        return signIn.withSecondFactor(challengeId, method, CodeFormat.check(method, answer.code()));
    }
}
