package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.Sessions;
import dev.lifeline.auth.domain.Tokens;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-in")
public class TokenResource {

    private final Sessions sessions;
    private final AccessTokens accessTokens;
    private final Caller caller;

    public TokenResource(Sessions sessions, AccessTokens accessTokens, Caller caller) {
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.caller = caller;
    }

    public record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }

    public record Refreshed(Tokens tokens) {
    }

    @PermitAll
    @Operation(summary = "New tokens for a refresh token (each refresh token works once)")
    @POST
    @Path("/token/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    public Refreshed refresh(@NotNull @Valid RefreshRequest request) {
        return new Refreshed(sessions.refresh(request.refreshToken()));
    }

    /** Ends the session of the access token presented. */
    @Authenticated
    @Operation(summary = "End the session of the access token presented")
    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    public Response logout() {
        AccessTokens.Claims me = caller.enrolling();
        sessions.revoke(me.accountId(), me.sessionId(), "signed out");
        return Response.noContent().build();
    }

    @PermitAll
    @Operation(summary = "The public keys that verify Lifeline's access tokens (JWKS)")
    @GET
    @Path("/.well-known/jwks.json")
    public Response jwks() {
        return Response.ok(accessTokens.jwks()).header("Cache-Control", "public, max-age=300").build();
    }
}
