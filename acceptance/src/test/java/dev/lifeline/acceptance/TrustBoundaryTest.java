package dev.lifeline.acceptance;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.RecoveryTicketChanged;
import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.contracts.providers.TwilioSignature;
import dev.lifeline.devstack.testing.RawProducer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The attacker is inside the network: they reach every service port and the Kafka broker directly.
 * Nothing they send acts for a user without proof.
 */
class TrustBoundaryTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void internalEndpointsLetInOnlyAuthServiceWithATokenMadeForThem() throws Exception {
        Person victim = new Person(system);
        String victimsToken = victim.registerWithSmsTwoFactor();
        UUID account = accountId(victim.username);
        String setBefore = backupCodeSet(account);

        List<RequestSpecification> callers = List.of(
                given(),                                                              // no token at all
                given().auth().oauth2(victimsToken),                                  // a person's own access token
                given().auth().oauth2(serviceToken(authKey(), Services.OTP)),         // auth-service's token, for otp-service
                given().auth().oauth2(serviceToken(attackersKey(), Services.BACKUP_CODES))); // the right claims, the wrong key
        for (RequestSpecification caller : callers) {
            int status = caller.body(Map.of("accountId", account.toString()))
                    .post(system.url(Services.BACKUP_CODES) + "/internal/backup-codes/sets").then()
                    .contentType("application/problem+json").extract().statusCode();
            assertEquals(true, status == 401 || status == 403, "status " + status);
        }
        assertEquals(setBefore, backupCodeSet(account), "the victim's backup codes are untouched");
        victim.login().then().statusCode(200);

        for (RequestSpecification caller : List.of(given(), given().auth().oauth2(victimsToken),
                given().auth().oauth2(serviceToken(authKey(), Services.BACKUP_CODES)))) {
            int status = caller.body(Map.of("challengeId", UUID.randomUUID().toString(), "code", "123456"))
                    .post(system.url(Services.OTP) + "/internal/otp/verifications").then()
                    .contentType("application/problem+json").extract().statusCode();
            assertEquals(true, status == 401 || status == 403, "status " + status);
        }
        for (RequestSpecification caller : List.of(given(), given().auth().oauth2(victimsToken),
                given().auth().oauth2(serviceToken(authKey(), Services.OTP)))) {
            int status = caller.get(system.url(Services.TICKETS) + "/internal/recovery-tickets/" + UUID.randomUUID()).then()
                    .contentType("application/problem+json").extract().statusCode();
            assertEquals(true, status == 401 || status == 403, "status " + status);
        }

        // the same call with auth-service's own credentials goes through: the refusals above are the boundary's
        given().auth().oauth2(serviceToken(authKey(), Services.BACKUP_CODES))
                .body(Map.of("accountId", UUID.randomUUID().toString()))
                .post(system.url(Services.BACKUP_CODES) + "/internal/backup-codes/sets").then().statusCode(201);
    }

    @Test
    void aRawKafkaClientCannotTurnSomeonesTwoStepSignInOff() throws Exception {
        Person victim = new Person(system);
        victim.registerWithSmsTwoFactor();
        UUID account = accountId(victim.username);
        UUID ticket = UUID.randomUUID();
        EventEnvelope forged = EventEnvelope.of(ticket.toString(), new RecoveryTicketChanged(ticket, account,
                RecoveryTicketStatus.APPROVED, List.of("agent1", "agent2"), "forged"));

        Exception anonymous = assertThrows(Exception.class, () -> send(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.infra.kafka().bootstrapServers()), forged));
        assertInstanceOf(TimeoutException.class, RawProducer.refusal(anonymous));
        Exception otherService = assertThrows(Exception.class, () -> send(system.infra.kafka().clientConfig(Services.OTP), forged));
        assertInstanceOf(TopicAuthorizationException.class, RawProducer.refusal(otherService));

        // ticket-service's own credentials, stolen: Kafka takes the record, auth-service asks ticket-service and does nothing
        send(system.infra.kafka().clientConfig(Services.TICKETS), forged);
        await().atMost(Duration.ofSeconds(20)).until(() -> applied("auth-recovery", forged.eventId()));
        victim.login().then().statusCode(200).body("status", equalTo("SECOND_FACTOR_REQUIRED"));
    }

    @Test
    void aSignedOutTokenStopsWorkingAtEveryServiceWithinTwoSeconds() {
        Person person = new Person(system);
        person.register().then().statusCode(201);
        String userToken = person.login().then().statusCode(200).extract().path("tokens.accessToken");
        String opsToken = system.signInStaff("ops1"); // a session of its own: this test ends it
        Map<String, String> userPaths = Map.of("/api/me", "auth-service", "/api/me/backup-codes", "backup-code-service");
        Map<String, String> opsPaths = Map.of("/api/ops/sms-health", "otp-service", "/api/ops/tickets", "ticket-service");
        userPaths.keySet().forEach(path -> person.api(userToken).get(path).then().statusCode(200));
        opsPaths.keySet().forEach(path -> person.api(opsToken).get(path).then().statusCode(200));

        person.api(userToken).post("/api/logout").then().statusCode(204);
        person.api(opsToken).post("/api/logout").then().statusCode(204);

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            userPaths.keySet().forEach(path -> person.api(userToken).get(path).then().statusCode(401));
            opsPaths.keySet().forEach(path -> person.api(opsToken).get(path).then().statusCode(401));
        });
    }

    @Test
    void aDeliveryReceiptWithoutTheProvidersSignatureChangesNothing() {
        String receipts = system.url(Services.OTP) + "/callbacks/sms/alpha/" + UUID.randomUUID();
        Map<String, String> failed = Map.of("MessageSid", "SM1", "MessageStatus", "failed");
        String channelBefore = system.smsChannel();

        RestAssured.given().contentType(ContentType.URLENC).formParams(failed).post(receipts).then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("invalid_signature"));
        RestAssured.given().contentType(ContentType.URLENC).formParams(failed)
                .header(TwilioSignature.HEADER, TwilioSignature.sign("guessed-token", receipts, failed))
                .post(receipts).then().statusCode(403).body("code", equalTo("invalid_signature"));
        assertEquals(channelBefore, system.smsChannel());
    }

    private static RequestSpecification given() {
        return RestAssured.given().contentType(ContentType.JSON);
    }

    /** A service token as auth-service makes them: for {@code audience}, group {@value Services#AUTH_SERVICE_ROLE}. */
    private static String serviceToken(PrivateKey key, String audience) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://lifeline.local/auth");
        claims.setAudience(audience);
        claims.setSubject(Services.AUTH);
        claims.setStringListClaim("groups", Services.AUTH_SERVICE_ROLE);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(1);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private PrivateKey authKey() throws Exception {
        String pem = Files.readString(system.signingKey);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static PrivateKey attackersKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private static void send(Map<String, Object> client, EventEnvelope event) throws Exception {
        RawProducer.send(client, Topic.RECOVERY_TICKETS.name(), event.aggregateId(), EventJson.encode(event));
    }

    private UUID accountId(String username) throws Exception {
        try (Connection c = system.database("auth"); ResultSet rs = c.createStatement().executeQuery(
                "SELECT id FROM account WHERE username = '" + username + "'")) {
            rs.next();
            return UUID.fromString(rs.getString(1));
        }
    }

    /** The id of the account's live backup-code set. */
    private String backupCodeSet(UUID account) throws Exception {
        try (Connection c = system.database("backup_codes"); ResultSet rs = c.createStatement().executeQuery(
                "SELECT id FROM backup_code_set WHERE account_id = '" + account + "' AND voided_at IS NULL")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private boolean applied(String consumer, UUID eventId) throws Exception {
        try (Connection c = system.database("auth"); ResultSet rs = c.createStatement().executeQuery(
                "SELECT 1 FROM applied_event WHERE consumer = '" + consumer + "' AND event_id = '" + eventId + "'")) {
            return rs.next();
        }
    }
}
