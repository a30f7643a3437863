package dev.lifeline.acceptance;

import dev.lifeline.devstack.testing.Oathtool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Someone with only SMS is nudged to add an authenticator app, sets one up from the page and signs in with it. */
class AuthenticatorAppBrowserTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void setUpAnAppFromTheAccountPageAndSignInWithIt() throws Exception {
        Assumptions.assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver; .ci/run does)");
        Assumptions.assumeTrue(Oathtool.available() && (zbarimgInstalled() || System.getenv("CI") != null),
                "oathtool or zbarimg is not installed (apt-get install oathtool zbar-tools; .ci/run does)");
        Person noor = new Person(system);
        noor.registerWithSmsTwoFactor();
        try (Browser browser = new Browser(system.gatewayUrl())) {
            browser.signInBySms(noor, 2);
            browser.awaitText("#totp-status", "off");
            assertTrue(browser.visible("#totp-nudge"), "someone whose only factor is SMS is told to add an app");

            browser.click("#totp-start");
            browser.awaitNotEmpty("#totp-secret");
            assertTrue(browser.visible("#totp-qr svg"), "the QR code is shown");
            Path setup = browser.screenshot("authenticator-app-setup");
            String secret = browser.text("#totp-secret").replace(" ", "");
            // what a phone's camera reads off the page, decoded by a QR reader of its own (zbarimg)
            assertEquals("otpauth://totp/Lifeline%3A" + noor.username + "?secret=" + secret
                    + "&issuer=Lifeline&algorithm=SHA1&digits=6&period=30", qrCodeIn(setup));
            Oathtool.awayFromAStepBoundary();
            browser.type("#totp-confirm-code", Oathtool.code(secret, Instant.now()));
            browser.click("#totp-confirm");
            browser.awaitText("#totp-status", "on");
            assertTrue(!browser.visible("#totp-nudge"));
            browser.click("#sign-out");
            browser.awaitPath("/");

            browser.signIn(noor);
            browser.awaitText("#recommended", "authenticator app");
            Oathtool.awayFromAStepBoundary();
            browser.type("#totp-code", Oathtool.code(secret, Instant.now().plusSeconds(30)));
            browser.screenshot("sign-in-with-authenticator-app");
            browser.pressEnter("#totp-code");
            browser.awaitPath("/account");
            assertEquals("on", browser.text("#totp-status"));
        }
    }

    private static boolean zbarimgInstalled() {
        return java.nio.file.Files.isExecutable(Path.of("/usr/bin/zbarimg"));
    }

    private static String qrCodeIn(Path screenshot) throws IOException, InterruptedException {
        Process zbarimg = new ProcessBuilder("zbarimg", "--raw", "-q", screenshot.toString()).start();
        String decoded = new String(zbarimg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, zbarimg.waitFor(), "zbarimg (Debian package zbar-tools) found no QR code");
        return decoded;
    }
}
