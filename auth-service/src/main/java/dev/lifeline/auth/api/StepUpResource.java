package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
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

    public record Proof(@NotNull @Size(max = 1024) String password,
                        @Pattern(regexp = "totp|backup_code|sms", message = "one of totp, backup_code, sms") String method,
                        @Size(max = 64) String code) {
    }

    public record SteppedUp(Tokens tokens) {
    }

    @POST
    public SteppedUp stepUp(@NotNull @Valid Proof proof) {
        AccessTokens.Claims me = caller.account();
        String code = proof.method() == null ? null : CodeFormat.check(proof.method(), proof.code() == null ? "" : proof.code());
        return new SteppedUp(stepUp.prove(me.accountId(), me.sessionId(), proof.password(), proof.method(), code));
    }
}
