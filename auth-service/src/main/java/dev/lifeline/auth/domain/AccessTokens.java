package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.contracts.Services;
import dev.lifeline.security.SessionAwareTokens;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * The tokens auth-service signs, RS256 (SmallRye JWT), verified by every service against the JWKS:
 * <ul>
 * <li>access tokens: a person's session, {@code aud} {@value Services#API_AUDIENCE}, 15 minutes;</li>
 * <li>service tokens: auth-service itself calling one service's /internal endpoints, {@code aud} that
 * service alone, group {@value Services#AUTH_SERVICE_ROLE}, a minute (client credentials, with
 * auth-service as its own issuer).</li>
 * </ul>
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class);
    private static final Duration SERVICE_TOKEN_TTL = Duration.ofMinutes(1);

    private final AuthConfig.Tokens config;
    private final KeyPair keys;
    private final String keyId;

    public record Claims(UUID accountId, UUID sessionId, String username, Set<String> roles) {
    }

    public AccessTokens(AuthConfig config) {
        this.config = config.tokens();
        this.keys = loadOrGenerate(this.config);
        this.keyId = keyIdOf(keys);
    }

    /** {@code auth_time} is when the session's sign-in happened: services that want a fresh sign-in read it. */
    public String issue(Account account, UUID sessionId, Instant signedInAt, Set<String> roles) {
        return Jwt.issuer(config.issuer())
                .audience(Services.API_AUDIENCE)
                .subject(account.id.toString())
                .upn(account.username)
                .groups(roles)
                .claim(SessionAwareTokens.SESSION_CLAIM, sessionId.toString())
                .claim("auth_time", signedInAt.getEpochSecond())
                .expiresIn(config.accessTtl())
                .jws().keyId(keyId)
                .sign(keys.getPrivate());
    }

    /** A token that lets auth-service call {@code audience}'s internal endpoints, and nothing else anywhere. */
    public String issueServiceToken(String audience) {
        return Jwt.issuer(config.issuer())
                .audience(audience)
                .subject(Services.AUTH)
                .groups(Services.AUTH_SERVICE_ROLE)
                .expiresIn(SERVICE_TOKEN_TTL)
                .jws().keyId(keyId)
                .sign(keys.getPrivate());
    }

    public Duration serviceTokenTtl() {
        return SERVICE_TOKEN_TTL;
    }

    /** The key that verifies every token this service signs, also its own callers' (see {@code api.OwnTokens}). */
    public PublicKey publicKey() {
        return keys.getPublic();
    }

    public String issuer() {
        return config.issuer();
    }

    public long accessTtlSeconds() {
        return config.accessTtl().toSeconds();
    }

    /** The JWKS document: the public key only. */
    public String jwks() {
        try {
            RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) keys.getPublic());
            jwk.setKeyId(keyId);
            jwk.setUse("sig");
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot publish the JWKS", e);
        }
    }

    private static KeyPair loadOrGenerate(AuthConfig.Tokens config) {
        try {
            if (config.signingKeyLocation().isPresent()) {
                String pem = Files.readString(Path.of(config.signingKeyLocation().get()));
                byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent())), privateKey);
            }
            if (config.requireConfiguredKey()) {
                throw new IllegalStateException("lifeline.auth.tokens.signing-key-location must name the token signing key");
            }
            LOG.warn("no token signing key configured: using one made at start-up; tokens end with this process");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the token signing key", e);
        }
    }

    private static String keyIdOf(KeyPair keys) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
