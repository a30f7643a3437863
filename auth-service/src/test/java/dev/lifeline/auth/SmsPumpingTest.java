package dev.lifeline.auth;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.lifeline.auth.domain.PumpingGuard;
import dev.lifeline.auth.domain.PumpingJudgement;
import dev.lifeline.auth.domain.SmsBudget;
import dev.lifeline.devstack.LifelineTestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A fraudster's ways to make Lifeline text numbers they are paid for, each refused: countries texts
 * do not go to, accounts without a proven email, many numbers from one account or one address, one
 * prefix flooded, the global budget, and a prefix whose codes nobody types.
 */
@QuarkusTest
@TestProfile(SmsPumpingTest.LowLimits.class)
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class SmsPumpingTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.auth.sms.velocity.per-prefix-per-hour", "4",
                    "lifeline.auth.sms.velocity.enrollments-per-client-per-hour", "3",
                    "lifeline.auth.sms.velocity.numbers-per-account-per-day", "2");
        }
    }

    private static final String PASSWORD = "amber quay beneath the gulls";
    private static final Set<Integer> USED_AREA_CODES = ConcurrentHashMap.newKeySet();

    @Inject
    PumpingGuard guard;

    @Inject
    SmsBudget budget;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void textsGoOnlyToAllowedCountriesAndOnlyForAProvenEmail() throws Exception {
        String unverified = signUp(false);
        enroll(unverified, "203.0.113.10", usNumber(npa(), 10)).then().statusCode(403).body("code", equalTo("email_verification_required"));
        String verified = signUp(true);
        enroll(verified, "203.0.113.10", "+234 803 123 4567").then().statusCode(400).body("code", equalTo("sms_country_not_allowed"))
                .body("country", equalTo("NG"));
        enroll(verified, "203.0.113.10", usNumber(npa(), 11)).then().statusCode(202);
    }

    @Test
    void oneAccountTriesFewNumbersAndOneAddressSetsUpFewPhones() throws Exception {
        String account = signUp(true);
        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);
        int npa = npa();
        enroll(account, address, usNumber(npa, 20)).then().statusCode(202);
        enroll(account, address, usNumber(npa, 21)).then().statusCode(202);
        enroll(account, address, usNumber(npa, 22)).then().statusCode(429).body("limit", equalTo("numbers"));

        String other = signUp(true);
        enroll(other, address, usNumber(npa(), 23)).then().statusCode(202);
        String third = signUp(true);
        enroll(third, address, usNumber(npa(), 24)).then().statusCode(429).body("limit", equalTo("client"));
        enroll(third, "198.51.100.251", usNumber(npa(), 24)).then().statusCode(202);
    }

    @Test
    void onePrefixFloodedStopsAtItsHourlyLimitWhileOthersGoOn() throws Exception {
        int flooded = npa();
        for (int i = 0; i < 4; i++) {
            enroll(signUp(true), "192.0.2." + (10 + i), usNumber(flooded, 30 + i)).then().statusCode(202);
        }
        enroll(signUp(true), "192.0.2.20", usNumber(flooded, 40)).then().statusCode(429).body("limit", equalTo("prefix"));
        enroll(signUp(true), "192.0.2.21", usNumber(npa(), 40)).then().statusCode(202);
    }

    @Test
    void pastTheGlobalBudgetNoTextGoesUntilOpsRaiseIt() throws Exception {
        String account = signUp(true);
        budget.set((int) budget.usage().lastHour(), null, "test");
        try {
            enroll(account, "192.0.2.50", usNumber(npa(), 50)).then().statusCode(503).body("code", equalTo("sms_budget_exhausted"));
            budget.set((int) budget.usage().lastHour() + 1, null, "test");
            enroll(account, "192.0.2.50", usNumber(npa(), 50)).then().statusCode(202);
        } finally {
            budget.set(null, null, "test");
        }
    }

    @Test
    void aPrefixWhoseCodesNobodyTypesIsBlockedForNewNumbersUntilOpsLiftIt() throws Exception {
        int pumped = npa();
        String prefix = "+1" + pumped + "5";
        int people = npa();
        try {
            // an hour of texts: the pumped prefix's codes never typed, a busy prefix of people's nearly always
            execute("INSERT INTO sms_request (account_id, phone, requested_at, country, prefix, purpose, code_used_at) "
                    + "SELECT (SELECT min(id::text)::uuid FROM account), '" + usNumber(pumped, 1) + "', now() - interval '10 minutes', 'US', '" + prefix
                    + "', 'SMS_ENROLLMENT', NULL FROM generate_series(1, 40)");
            execute("INSERT INTO sms_request (account_id, phone, requested_at, country, prefix, purpose, code_used_at) "
                    + "SELECT (SELECT min(id::text)::uuid FROM account), '" + usNumber(people, 1) + "', now() - interval '10 minutes', 'US', '+1" + people
                    + "5', 'LOGIN', now() FROM generate_series(1, 200)");
            List<PumpingJudgement.Block> blocked = guard.evaluate();
            assertEquals(true, blocked.stream().anyMatch(b -> b.prefix().equals(prefix)), blocked.toString());

            enroll(signUp(true), "192.0.2.60", usNumber(pumped, 60)).then().statusCode(429).body("code", equalTo("sms_prefix_blocked"));
            String ops = StaffSignIn.accessToken("ops1");
            given().auth().oauth2(ops).get("/api/ops/sms-fraud").then().statusCode(200)
                    .body("blockedPrefixes.prefix", hasItem(prefix))
                    .body("blockedPrefixes.find { it.prefix == '" + prefix + "' }.active", equalTo(true));
            given().auth().oauth2(signUp(true)).get("/api/ops/sms-fraud").then().statusCode(403);
            given().auth().oauth2(ops).delete("/api/ops/sms-fraud/blocks/" + prefix.substring(1)).then().statusCode(204);
            // lifted by a person: not blocked again before its time would have run out
            assertEquals(false, guard.evaluate().stream().anyMatch(b -> b.prefix().equals(prefix)));
            // the block is gone; the prefix's hourly limit, which those 40 texts used up, still holds
            enroll(signUp(true), "192.0.2.61", usNumber(pumped, 61)).then().statusCode(429).body("code", equalTo("sms_limit_reached"))
                    .body("limit", equalTo("prefix"));
        } finally {
            execute("DELETE FROM sms_prefix_block");
            execute("DELETE FROM sms_request WHERE challenge_id IS NULL AND phone IN ('" + usNumber(pumped, 1) + "', '"
                    + usNumber(people, 1) + "')");
        }
    }

    /** A US number in the range set aside for fiction (NPA 555-01xx): each NPA is its own prefix. */
    private static String usNumber(int npa, int line) {
        return String.format("+1%d55501%02d", npa, line);
    }

    /**
     * An area code of the United States that no other test here has used: +1 is also Canada and twenty
     * Caribbean countries, whose numbers are their own (and not all allowed), so libphonenumber says;
     * and a prefix shared by two tests would count one's texts against the other's limit.
     */
    private static int npa() {
        PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
        while (true) {
            int npa = ThreadLocalRandom.current().nextInt(201, 990);
            try {
                String region = numbers.getRegionCodeForNumber(numbers.parse(usNumber(npa, 0), "ZZ"));
                if ((region == null || region.equals("US")) && USED_AREA_CODES.add(npa)) {
                    return npa;
                }
            } catch (NumberParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private String signUp(boolean emailVerified) throws Exception {
        String username = "pump" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "email", username + "@example.org"))
                .post("/api/accounts").then().statusCode(201);
        if (emailVerified) {
            execute("UPDATE account SET email_verified = true WHERE username = '" + username + "'");
        }
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD)).post("/api/login")
                .then().statusCode(200).extract().path("tokens.accessToken");
    }

    private static io.restassured.response.Response enroll(String token, String address, String phone) {
        RequestSpecification request = given().auth().oauth2(token).contentType(ContentType.JSON).header("X-Forwarded-For", address);
        return request.body(Map.of("phone", phone)).post("/api/me/2fa/sms");
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
