package dev.lifeline.auth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.Passkeys;
import dev.lifeline.auth.domain.SignIn;
import dev.lifeline.auth.domain.StepUp;
import dev.lifeline.auth.domain.Tokens;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Proving who you are again before a sensitive action; the new access token carries a fresh {@code auth_time}. */
@Path("/api/me/step-up")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class StepUpResource {

    private final Caller caller;
    private final StepUp stepUp;

    public StepUpResource(Caller caller, StepUp stepUp) {
        this.caller = caller;
        this.stepUp = stepUp;
    }

    /** {@code credential}: for the passkey method, the browser's answer to {@code POST /api/me/step-up/passkey}. */
    public record Proof(@NotNull @Size(max = 1024) String password,
                        @Pattern(regexp = "passkey|totp|backup_code|sms", message = "one of passkey, totp, backup_code, sms") String method,
                        @Size(max = 64) String code,
                        JsonNode credential) {
    }

    public record SteppedUp(Tokens tokens) {
    }

    @POST
    public SteppedUp stepUp(@NotNull @Valid Proof proof) {
        AccessTokens.Claims me = caller.account();
        String answer = proof.method() == null ? null
                : proof.method().equals(SignIn.PASSKEY) ? CodeFormat.credential(proof.credential())
                : CodeFormat.check(proof.method(), proof.code());
        return new SteppedUp(stepUp.prove(me.accountId(), me.sessionId(), proof.password(), proof.method(), answer));
    }

    /** A passkey prompt for the step-up, for {@code navigator.credentials.get}. */
    @POST
    @Path("/passkey")
    @Consumes(MediaType.WILDCARD)
    public Passkeys.RequestOptions passkeyOptions() {
        return stepUp.passkeyOptions(caller.account().accountId());
    }
}
