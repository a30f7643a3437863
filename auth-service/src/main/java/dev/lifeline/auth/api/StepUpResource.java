package dev.lifeline.auth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.Factor;
import dev.lifeline.auth.domain.Passkeys;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Proving who you are again before a sensitive action; the new access token carries a fresh {@code auth_time}. */
@Path("/api/me/step-up")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sign-in")
public class StepUpResource {

    private final Caller caller;
    private final StepUp stepUp;

    public StepUpResource(Caller caller, StepUp stepUp) {
        this.caller = caller;
        this.stepUp = stepUp;
    }

    /** {@code credential}: for the passkey method, the browser's answer to {@code POST /api/me/step-up/passkey}. */
    public record Proof(@NotNull @Size(max = 1024) String password,
                        @Pattern(regexp = Factor.NAMES, message = Factor.NAMES_RULE) String method,
                        @Size(max = 64) String code,
                        JsonNode credential) {
    }

    public record SteppedUp(Tokens tokens) {
    }

    @Operation(summary = "Prove it is you again (password and a factor) before a sensitive change: fresh tokens")
    @POST
    public SteppedUp stepUp(@NotNull @Valid Proof proof) {
        AccessTokens.Claims me = caller.account();
        Factor method = proof.method() == null ? null : Factor.named(proof.method());
        String answer = method == null ? null
                : method == Factor.PASSKEY ? CodeFormat.credential(proof.credential())
                : CodeFormat.check(method, proof.code());
        return new SteppedUp(stepUp.prove(me.accountId(), me.sessionId(), proof.password(), method, answer));
    }

    /** A passkey prompt for the step-up, for {@code navigator.credentials.get}. */
    @Operation(summary = "A passkey prompt for a step-up, for navigator.credentials.get")
    @POST
    @Path("/passkey")
    @Consumes(MediaType.WILDCARD)
    public Passkeys.RequestOptions passkeyOptions() {
        return stepUp.passkeyOptions(caller.account().accountId());
    }
}
