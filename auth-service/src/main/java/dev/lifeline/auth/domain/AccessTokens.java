package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens: short-lived RS256 JWTs (SmallRye JWT) naming the account and the session. The
 * public key is published as a JWKS, which is how the other services verify them.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class);

    private final AuthConfig.Tokens config;
    private final KeyPair keys;
    private final String keyId;
    private final JwtConsumer consumer;

    public record Claims(UUID accountId, UUID sessionId, String username, Set<String> roles) {
    }

    public AccessTokens(AuthConfig config) {
        this.config = config.tokens();
        this.keys = loadOrGenerate(this.config);
        this.keyId = keyIdOf(keys);
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(this.config.issuer())
                .setVerificationKey(keys.getPublic())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    /** {@code auth_time} is when the session's sign-in happened: services that want a fresh sign-in read it. */
    public String issue(Account account, UUID sessionId, Instant signedInAt, Set<String> roles) {
        return Jwt.issuer(config.issuer())
                .subject(account.id.toString())
                .upn(account.username)
                .groups(roles)
                .claim("sid", sessionId.toString())
                .claim("auth_time", signedInAt.getEpochSecond())
                .expiresIn(config.accessTtl())
                .jws().keyId(keyId)
                .sign(keys.getPrivate());
    }

    public Optional<Claims> verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String sessionId = claims.getStringClaimValue("sid");
            if (sessionId == null || !claims.hasClaim("groups")) {
                return Optional.empty();
            }
            return Optional.of(new Claims(UUID.fromString(claims.getSubject()), UUID.fromString(sessionId),
                    claims.getStringClaimValue("upn"), Set.copyOf(claims.getStringListClaimValue("groups"))));
        } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
            return Optional.empty();
        }
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
