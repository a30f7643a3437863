package dev.lifeline.acceptance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passkeys in real Chromium with a virtual authenticator: added from the account page, used at the
 * next sign-in (recommended first), and, played by an attacker in the same browser, an answer
 * replayed or carried over to someone else's sign-in is refused.
 */
class PasskeyBrowserTest {

    /** In the page: a passkey answer for a new sign-in of {@code user}, and what the API says to it at each sign-in given. */
    private static final String PASSKEY_ANSWERS = """
            const [user, password, otherChallenge] = arguments;
            const post = async (path, body) => {
              const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" },
                body: body === undefined ? undefined : JSON.stringify(body) });
              return { status: r.status, body: await r.json().catch(() => null) };
            };
            const signIn = async () => (await post("/api/login", { username: user, password })).body.challenge.id;
            (async () => {
              const first = await signIn();
              const options = (await post("/api/login/challenges/" + first + "/passkey")).body;
              const credential = (await navigator.credentials.get({
                publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) })).toJSON();
              const elsewhere = await post("/api/login/challenges/" + otherChallenge + "/verify", { method: "passkey", credential });
              const own = await post("/api/login/challenges/" + first + "/verify", { method: "passkey", credential });
              const replayed = await post("/api/login/challenges/" + await signIn() + "/verify", { method: "passkey", credential });
              done([elsewhere.status, elsewhere.body.code, own.status, own.body.status, replayed.status, replayed.body.code]);
            })().catch(e => done(["error", String(e)]));
            """;

    private final RunningSystem system = RunningSystem.get();

    @Test
    void addAPasskeyFromTheAccountPageSignInWithItAndRemoveIt() throws Exception {
        Assumptions.assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver; .ci/run does)");
        Person pia = new Person(system);
        pia.registerWithSmsTwoFactor();
        try (Browser browser = new Browser(system.gatewayUrlForPasskeys())) {
            VirtualAuthenticator authenticator = browser.addPasskeyAuthenticator();
            browser.signInBySms(pia, 2);
            browser.awaitText("#passkey-status", "none");
            assertTrue(browser.visible("#totp-nudge"), "someone whose only factor is SMS is told to add a passkey or an app");

            browser.type("#passkey-name", "Pia's laptop");
            browser.click("#passkey-add");
            browser.awaitText("#message", "Your passkey is added");
            browser.awaitText("#passkey-status", "1 registered");
            browser.awaitText("#passkey-list", "Pia's laptop");
            assertTrue(!browser.visible("#totp-nudge"));
            assertEquals(1, authenticator.getCredentials().size(), "the key pair lives in the authenticator");
            browser.screenshot("passkey-added");
            browser.click("#sign-out");
            browser.awaitPath("/");

            browser.signIn(pia);
            browser.awaitText("#recommended", "your passkey");
            browser.screenshot("sign-in-with-a-passkey");
            browser.click("#use-passkey");
            browser.awaitPath("/account");
            browser.awaitText("#passkey-list", "last used");

            // the attacker's turn, with a real passkey answer in hand
            Person other = new Person(system);
            other.registerWithSmsTwoFactor();
            String othersChallenge = other.login().then().statusCode(200).extract().path("challenge.id");
            List<?> answers = (List<?>) browser.runAsync(PASSKEY_ANSWERS, pia.username, pia.password, othersChallenge);
            assertEquals(List.of(401L, "passkey_not_accepted", 200L, "AUTHENTICATED", 401L, "passkey_not_accepted"), answers,
                    "made for another sign-in: refused; for its own: accepted; the same answer again: refused");

            // removing it needs a recent sign-in, which the passkey just was
            browser.clickIn("#passkey-list li", "Pia's laptop", "Remove");
            browser.awaitText("#message", "is removed");
            browser.awaitText("#passkey-status", "none");
        }
    }
}
