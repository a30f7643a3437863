package dev.lifeline.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.UUID;

/**
 * How every service reads a bearer token: SmallRye JWT's own verification (signature, issuer,
 * audience, expiry), then a token of a session that has ended is refused, so signing out or a
 * revocation reaches every service long before the token expires. Service tokens name no session.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class SessionAwareTokens extends JWTCallerPrincipalFactory {

    /** The claim naming the session an access token belongs to. */
    public static final String SESSION_CLAIM = "sid";

    private final JWTCallerPrincipalFactory verification = new DefaultJWTCallerPrincipalFactory();
    private final EndedSessions endedSessions;

    public SessionAwareTokens(EndedSessions endedSessions) {
        this.endedSessions = endedSessions;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JWTCallerPrincipal principal = verification.parse(token, authContextInfo);
        String sessionId = principal.getClaim(SESSION_CLAIM);
        if (sessionId != null && endedSessions.isEnded(parseId(sessionId))) {
            throw new ParseException("the token's session has ended");
        }
        return principal;
    }

    private static UUID parseId(String sessionId) throws ParseException {
        try {
            return UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            throw new ParseException("the token's session id is not an id");
        }
    }
}
