package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.Sessions;
import dev.lifeline.auth.persistence.Account;
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

    /** A signed-in account with full use of it. */
    public AccessTokens.Claims require(String authorization) {
        AccessTokens.Claims claims = requireForEnrollment(authorization);
        if (!claims.roles().contains(Account.USER)) {
            throw new ProblemException(403, "enrollment_required", "Forbidden",
                    "Turn on two-step sign-in again first: POST /api/me/2fa/sms, then sign in again.");
        }
        return claims;
    }

    /** A signed-in account, possibly one that may only turn two-factor on again after a recovery. */
    public AccessTokens.Claims requireForEnrollment(String authorization) {
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
