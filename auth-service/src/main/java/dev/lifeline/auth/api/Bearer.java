package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.Sessions;
import dev.lifeline.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** Who is calling: the account and session of a valid access token whose session is still active. */
@ApplicationScoped
public class Bearer {

    private final AccessTokens tokens;
    private final Sessions sessions;

    public Bearer(AccessTokens tokens, Sessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    public AccessTokens.Claims require(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized();
        }
        AccessTokens.Claims claims = tokens.verify(authorization.substring(7).trim()).orElseThrow(Bearer::unauthorized);
        if (!sessions.isActive(claims.sessionId())) {
            throw unauthorized();
        }
        return claims;
    }

    private static ProblemException unauthorized() {
        return new ProblemException(401, "unauthorized", "Unauthorized", "Sign in to do this.")
                .withHeader("WWW-Authenticate", "Bearer");
    }
}
