package dev.lifeline.acceptance;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The SMS pumping defences through the gateway, as a fraudster meets them: countries texts do not go
 * to, an unproven email, many numbers from one account, and the global budget, which ops set and see
 * with the spend per country. (The per-prefix, per-country and per-address limits and the conversion
 * guard: auth-service's SmsPumpingTest and {@code ./lifeline drill sms-pumping}.)
 */
class SmsPumpingTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void aBotnetFloodingOnePrefixGetsItsHourlyLimitAndNoMore() {
        int npa = usAreaCode();
        int line = 0;
        // 150 is the prefix's hourly limit on this stack: fifty accounts on fifty addresses, three numbers each
        for (int account = 0; account < 50; account++) {
            Person bot = new Person(system);
            bot.register().then().statusCode(201);
            String token = bot.login().then().statusCode(200).extract().path("tokens.accessToken");
            bot.confirmEmail(token);
            for (int i = 0; i < 3; i++, line++) {
                bot.api(token).body(Map.of("phone", usNumber(npa, line))).post("/api/me/2fa/sms").then().statusCode(202);
            }
        }
        Person next = new Person(system);
        next.register().then().statusCode(201);
        String token = next.login().then().statusCode(200).extract().path("tokens.accessToken");
        next.confirmEmail(token);
        next.api(token).body(Map.of("phone", usNumber(npa, line))).post("/api/me/2fa/sms").then()
                .statusCode(429).body("code", equalTo("sms_limit_reached")).body("limit", equalTo("prefix"));
        next.api(token).body(Map.of("phone", usNumber(usAreaCode(npa), 0))).post("/api/me/2fa/sms").then().statusCode(202);
    }

    /** A US number in the range set aside for fiction (NPA 555-0100 to 0199 and beyond here: the guard only reads the prefix). */
    private static String usNumber(int npa, int line) {
        return String.format("+1%d5550%03d", npa, 100 + line % 100);
    }

    /**
     * A random area code of the United States other than those given: +1 is also Canada and twenty
     * Caribbean countries, whose numbers are their own (and not all allowed), so libphonenumber says.
     */
    private static int usAreaCode(int... not) {
        PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
        while (true) {
            int npa = ThreadLocalRandom.current().nextInt(201, 990);
            try {
                String region = numbers.getRegionCodeForNumber(numbers.parse("+1" + npa + "5550100", "ZZ"));
                if ((region == null || region.equals("US")) && Arrays.stream(not).noneMatch(n -> n == npa)) {
                    return npa;
                }
            } catch (NumberParseException e) {
                // not a number at all: draw again
            }
        }
    }

    @Test
    void aCountryWithALimitOfItsOwnTakesThatManyNewNumbersAnHour() {
        // this stack gives Australia five new numbers an hour, people on five addresses
        for (int i = 0; i < 5; i++) {
            Person someone = new Person(system);
            someone.register().then().statusCode(201);
            String token = someone.login().then().statusCode(200).extract().path("tokens.accessToken");
            someone.confirmEmail(token);
            var answer = someone.api(token).body(Map.of("phone", String.format("+61491570%03d", 900 + i))).post("/api/me/2fa/sms");
            answer.then().statusCode(202);
        }
        Person sixth = new Person(system);
        sixth.register().then().statusCode(201);
        String token = sixth.login().then().statusCode(200).extract().path("tokens.accessToken");
        sixth.confirmEmail(token);
        sixth.api(token).body(Map.of("phone", "+61491570999")).post("/api/me/2fa/sms").then()
                .statusCode(429).body("code", equalTo("sms_limit_reached")).body("limit", equalTo("country"));
        sixth.api(token).body(Map.of("phone", sixth.phone)).post("/api/me/2fa/sms").then().statusCode(202);
    }

    @Test
    void oneNetworkSetsUpTenNewPhonesAnHourAndNoMore() {
        String network = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        int npa = usAreaCode();
        int line = 0;
        for (int account = 0; account < 4; account++) {
            Person fraudster = new Person(system);
            fraudster.register().then().statusCode(201);
            String token = fraudster.login().then().statusCode(200).extract().path("tokens.accessToken");
            fraudster.confirmEmail(token);
            for (int i = 0; i < 3 && line < 11; i++, line++) {
                var answer = given().baseUri(system.gatewayUrl()).contentType("application/json").auth().oauth2(token)
                        .header("X-Forwarded-For", network).body(Map.of("phone", String.format("+1%d55501%02d", npa, line))).post("/api/me/2fa/sms");
                if (line < 10) {
                    answer.then().statusCode(202);
                } else {
                    answer.then().statusCode(429).body("code", equalTo("sms_limit_reached")).body("limit", equalTo("client"));
                    // the same account from its own network is not held back by that one
                    fraudster.api(token).body(Map.of("phone", String.format("+1%d55501%02d", npa, line))).post("/api/me/2fa/sms")
                            .then().statusCode(202);
                }
            }
        }
    }

    @Test
    void aFraudstersAccountMeetsEachDefenceAndOpsSeeAndSetTheBudget() {
        Person fraudster = new Person(system);
        fraudster.register().then().statusCode(201);
        String token = fraudster.login().then().statusCode(200).extract().path("tokens.accessToken");
        int npa = usAreaCode();

        fraudster.api(token).body(Map.of("phone", "+1" + npa + "5550101")).post("/api/me/2fa/sms").then()
                .statusCode(403).body("code", equalTo("email_verification_required"));
        fraudster.confirmEmail(token);
        fraudster.api(token).body(Map.of("phone", "+234 803 123 4567")).post("/api/me/2fa/sms").then()
                .statusCode(400).body("code", equalTo("sms_country_not_allowed")).body("country", equalTo("NG"));
        for (int line = 1; line <= 3; line++) {
            fraudster.api(token).body(Map.of("phone", "+1" + npa + "55501" + String.format("%02d", line))).post("/api/me/2fa/sms")
                    .then().statusCode(202);
        }
        fraudster.api(token).body(Map.of("phone", "+1" + npa + "5550104")).post("/api/me/2fa/sms").then()
                .statusCode(429).body("code", equalTo("sms_limit_reached")).body("limit", equalTo("numbers"));

        RequestSpecification ops = given().baseUri(system.gatewayUrl()).contentType("application/json")
                .auth().oauth2(system.signInStaff("ops1"));
        int used = ops.get("/api/ops/sms-fraud").then().statusCode(200)
                .body("countries.find { it.country == 'US' }.textsLastDay", greaterThanOrEqualTo(3))
                .body("countries.find { it.country == 'US' }.estimatedSpendLastDay", notNullValue())
                .extract().path("budget.lastHour");
        try {
            ops.body(Map.of("perHour", used, "perDay", 1_000_000)).put("/api/ops/sms-fraud/budget").then().statusCode(200)
                    .body("setBy", equalTo("ops1"));
            Person someone = new Person(system);
            someone.register().then().statusCode(201);
            String theirs = someone.login().then().statusCode(200).extract().path("tokens.accessToken");
            someone.confirmEmail(theirs);
            someone.api(theirs).body(Map.of("phone", someone.phone)).post("/api/me/2fa/sms").then()
                    .statusCode(503).body("code", equalTo("sms_budget_exhausted"));
        } finally {
            ops.delete("/api/ops/sms-fraud/budget").then().statusCode(200).body("setBy", org.hamcrest.Matchers.nullValue());
        }
        given().baseUri(system.gatewayUrl()).auth().oauth2(token).get("/api/ops/sms-fraud").then().statusCode(403);
    }
}
