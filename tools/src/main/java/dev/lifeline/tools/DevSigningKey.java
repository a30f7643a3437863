package dev.lifeline.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.contracts.Services;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The local stack's token signing key, kept in {@code .lifeline/} so that tokens outlive a restart of
 * auth-service and so that benchmarks can call a service's internal API as auth-service would (with a
 * one-minute service token). Dev only: production mounts its own key and refuses to start without one.
 *
 * <pre>java … dev.lifeline.tools.DevSigningKey .lifeline/dev-signing-key.pem   (made when absent)</pre>
 */
public final class DevSigningKey {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private DevSigningKey() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        if (Files.exists(file)) {
            return;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, pem);
    }

    /**
     * A one-minute token for {@code audience} as auth-service mints it for its calls to the others
     * (issuer, subject and group of auth-service; the key id auth-service publishes in its JWKS).
     */
    public static String serviceToken(Path keyFile, String audience) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", ""));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        byte[] publicKey = rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
        String keyId = BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey)).substring(0, 16);
        ObjectMapper json = new ObjectMapper();
        long now = Instant.now().getEpochSecond();
        String header = BASE64URL.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", keyId)));
        String claims = BASE64URL.encodeToString(json.writeValueAsBytes(Map.of("iss", "https://lifeline.local/auth",
                "aud", audience, "sub", Services.AUTH, "groups", List.of(Services.AUTH_SERVICE_ROLE), "iat", now, "exp", now + 60)));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + BASE64URL.encodeToString(signature.sign());
    }
}
