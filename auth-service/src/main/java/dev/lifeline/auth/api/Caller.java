package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.Sessions;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.problem.ProblemException;
import dev.lifeline.security.SessionAwareTokens;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, from the access token SmallRye JWT verified for an {@code @Authenticated}
 * endpoint, and only while its session is still active here (auth-service owns sessions, so it asks
 * its own database rather than waiting for {@code auth.sessions-ended}).
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;
    private final Sessions sessions;

    public Caller(JsonWebToken token, Sessions sessions) {
        this.token = token;
        this.sessions = sessions;
    }

    /** A signed-in account with full use of it. */
    public AccessTokens.Claims account() {
        AccessTokens.Claims claims = enrolling();
        if (!claims.roles().contains(Account.USER)) {
            throw new ProblemException(403, "enrollment_required", "Forbidden",
                    "Turn on two-step sign-in again first: POST /api/me/2fa/sms, then sign in again.");
        }
        return claims;
    }

    /** A signed-in account, possibly one that may only turn two-factor on again after a recovery. */
    public AccessTokens.Claims enrolling() {
        String sessionId = token.getClaim(SessionAwareTokens.SESSION_CLAIM);
        if (sessionId == null || token.getSubject() == null) {
            throw unauthorized();
        }
        AccessTokens.Claims claims = new AccessTokens.Claims(UUID.fromString(token.getSubject()), UUID.fromString(sessionId),
                token.getName(), Set.copyOf(token.getGroups()));
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
