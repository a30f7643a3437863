package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.contracts.Services;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import java.util.Set;

/**
 * auth-service verifies its callers' tokens the way every service does (SmallRye JWT, then
 * {@code SessionAwareTokens}), only with the key in its own hands instead of a JWKS fetched over
 * HTTP from itself.
 */
@ApplicationScoped
public class OwnTokens {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verifiedWithOwnKey(AccessTokens tokens) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(tokens.publicKey(), tokens.issuer());
        info.setExpectedAudience(Set.of(Services.API_AUDIENCE, Services.AUTH));
        return info;
    }
}
