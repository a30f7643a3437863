package dev.lifeline.backupcodes;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** backup-code-service on a real database and broker. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "backup_codes"))
class BackupCodesTest {

    private static final Pattern HASH_COUNTER = Pattern.compile("(?m)^lifeline_backup_code_hashes_total\\S* ([0-9.E]+)$");

    @Test
    void aSetIsTenDistinctCodesOfAtLeastSixtyBitsGroupedForTyping() {
        UUID account = UUID.randomUUID();
        List<String> codes = generate(account);

        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        for (String code : codes) {
            assertTrue(code.matches("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}){3}"), code);
        }
        given().auth().oauth2(token(account, Instant.now())).get("/api/me/backup-codes").then().statusCode(200)
                .body("remaining", equalTo(10)).body("total", equalTo(10))
                .body("createdAt", notNullValue());
    }

    @Test
    void aCodeWorksOnceTypedAnyWay() {
        UUID account = UUID.randomUUID();
        String code = generate(account).get(3);
        String typed = code.replace("-", " ").toLowerCase(Locale.ROOT);

        use(account, typed).then().statusCode(200).body("outcome", equalTo("ACCEPTED")).body("remaining", equalTo(9));
        use(account, code).then().statusCode(200).body("outcome", equalTo("ALREADY_USED"));
        use(account, code.replace("-", "")).then().statusCode(200).body("outcome", equalTo("ALREADY_USED"));
        given().auth().oauth2(token(account, Instant.now())).get("/api/me/backup-codes").then()
                .body("remaining", equalTo(9)).body("lastUsedAt", notNullValue());
    }

    @Test
    void fiftyParallelUsesOfOneCodeSucceedExactlyOnce() throws Exception {
        UUID account = UUID.randomUUID();
        String code = generate(account).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                attempts.add(() -> {
                    // fifty at once fill the hashing stage: those told "overloaded" come back, as Retry-After asks
                    AtomicReference<Response> answer = new AtomicReference<>();
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        answer.set(use(account, code));
                        return answer.get().statusCode() != 503 || !"overloaded".equals(answer.get().jsonPath().getString("code"));
                    });
                    return answer.get().then().statusCode(200).extract().<String>path("outcome");
                });
            }
            List<String> statuses = new ArrayList<>();
            for (Future<String> status : pool.invokeAll(attempts)) {
                statuses.add(status.get());
            }
            assertEquals(1, statuses.stream().filter("ACCEPTED"::equals).count(), statuses.toString());
            assertEquals(49, statuses.stream().filter("ALREADY_USED"::equals).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(token(account, Instant.now())).get("/api/me/backup-codes").then().body("remaining", equalTo(9));
    }

    @Test
    void regeneratingVoidsEveryOldCode() {
        UUID account = UUID.randomUUID();
        List<String> old = generate(account);
        List<String> fresh = generate(account);

        for (String code : old) {
            use(account, code).then().statusCode(200).body("outcome", equalTo("WRONG"));
        }
        use(account, fresh.get(0)).then().statusCode(200).body("outcome", equalTo("ACCEPTED")).body("remaining", equalTo(9));
    }

    @Test
    void anotherAccountsCodeNeverWorks() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        generate(mine);
        for (String code : generate(theirs)) {
            use(mine, code).then().statusCode(200).body("outcome", equalTo("WRONG"));
        }
    }

    @Test
    void aVerificationCostsExactlyOneHashRightOrWrong() {
        UUID account = UUID.randomUUID();
        List<String> codes = generate(account);
        String unknownLookup = "2222-2222-2222-2222";

        for (String attempt : List.of(codes.get(1), codes.get(2).substring(0, 15) + (codes.get(2).endsWith("Z") ? "Y" : "Z"), unknownLookup, "not a code")) {
            double before = hashesSoFar();
            use(account, attempt);
            assertEquals(1.0, hashesSoFar() - before, attempt);
        }
    }

    @Test
    void runningLowAndExhaustedArePublishedOnceEach() {
        UUID account = UUID.randomUUID();
        for (String code : generate(account)) {
            use(account, code).then().statusCode(200).body("outcome", equalTo("ACCEPTED"));
        }
        List<String> types = eventTypes(account, 13);
        assertEquals(List.of("backup-codes.generated",
                "backup-codes.used", "backup-codes.used", "backup-codes.used", "backup-codes.used",
                "backup-codes.used", "backup-codes.used", "backup-codes.used", "backup-codes.used", "backup-codes.running-low",
                "backup-codes.used", "backup-codes.used", "backup-codes.exhausted"), types);
    }

    @Test
    void regeneratingThroughTheApiNeedsAFreshSignIn() {
        UUID account = UUID.randomUUID();
        given().post("/api/me/backup-codes").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
        given().auth().oauth2(token(account, Instant.now().minus(Duration.ofMinutes(20)))).post("/api/me/backup-codes").then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("reauthentication_required"));
        given().auth().oauth2(token(account, Instant.now())).post("/api/me/backup-codes").then()
                .statusCode(201).body("codes.size()", equalTo(10)).body("createdAt", notNullValue());
        given().auth().oauth2("not-a-token").get("/api/me/backup-codes").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void badInputGetsAProblem() {
        asAuthService().body("{\"accountId\":").post("/internal/backup-codes/verifications").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed_json"));
        asAuthService().body("{\"code\":\"2222-2222-2222-2222\"}").post("/internal/backup-codes/verifications").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("validation_failed"));
        asAuthService().body(Map.of("accountId", UUID.randomUUID().toString(), "code", "x".repeat(100)))
                .post("/internal/backup-codes/verifications").then()
                .statusCode(400).contentType("application/problem+json");
        asAuthService().body("{\"accountId\":\"nope\"}").post("/internal/backup-codes/sets").then()
                .statusCode(400).contentType("application/problem+json");
    }

    private static List<String> generate(UUID account) {
        return asAuthService().body(Map.of("accountId", account.toString()))
                .post("/internal/backup-codes/sets").then().statusCode(201).extract().jsonPath().getList("codes", String.class);
    }

    private static Response use(UUID account, String code) {
        return asAuthService().body(Map.of("accountId", account.toString(), "code", code))
                .post("/internal/backup-codes/verifications");
    }

    /** What auth-service sends: a service token made for backup-code-service. */
    private static RequestSpecification asAuthService() {
        String token = Jwt.issuer("https://lifeline.local/auth").audience(Services.BACKUP_CODES).subject(Services.AUTH)
                .groups(Services.AUTH_SERVICE_ROLE).expiresIn(60).sign();
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String token(UUID account, Instant signedInAt) {
        return Jwt.issuer("https://lifeline.local/auth").audience("lifeline-api").subject(account.toString()).groups("user")
                .claim("auth_time", signedInAt.getEpochSecond()).expiresIn(300).sign();
    }

    private static double hashesSoFar() {
        Matcher matcher = HASH_COUNTER.matcher(given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static List<String> eventTypes(UUID account, int expected) {
        return TopicReader.events(LifelineTestStack.infrastructure().kafka(), Topic.BACKUP_CODES_EVENTS,
                List.of(account.toString()), expected, Duration.ofSeconds(20)).stream().map(EventEnvelope::type).toList();
    }
}
