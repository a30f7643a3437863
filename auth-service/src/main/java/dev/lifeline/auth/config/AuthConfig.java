package dev.lifeline.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code lifeline.auth.*}: the security settings of sign-in. */
@ConfigMapping(prefix = "lifeline.auth")
public interface AuthConfig {

    Password password();

    Lockout lockout();

    Challenge challenge();

    Sms sms();

    Tokens tokens();

    Outage outage();

    Totp totp();

    Passkeys passkeys();

    /** The breakers in front of otp-service and backup-code-service ({@code ServiceBreakers}). */
    ServiceBreakers serviceBreakers();

    /** Where people open the pages (the gateway), for links in emails. */
    @WithDefault("http://localhost:8080")
    java.net.URI publicUrl();

    /** Staff accounts made at start-up when absent: the local stack's agents and operator. */
    DevStaff devStaff();

    /** How the first admin of an installation is made ({@code AdminBootstrap}). */
    AdminBootstrap adminBootstrap();

    interface AdminBootstrap {
        /** A token from the secret store; without one, the first start prints a one-time token. */
        Optional<String> token();
    }

    /** Accept numbers of the ranges reserved for fiction and tests (local stack and tests only). */
    @WithDefault("false")
    boolean acceptFictionalPhoneNumbers();

    interface Password {
        /** Argon2id cost; OWASP's minimum is 19 MiB, 2 iterations, 1 lane. Raising it rehashes on next sign-in. */
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();

        @WithDefault("8")
        int minLength();

        /** How long the one-time link to set a new password after a recovery works. */
        @WithDefault("P3D")
        Duration resetLinkLifetime();

        @WithDefault("128")
        int maxLength();

        /** Bits of entropy (nbvcxz's estimate) below which a password counts as guessable. */
        @WithDefault("30")
        double minEntropyBits();
    }

    interface Lockout {
        /** Failed steps (password or code) per username within the window before it is locked. */
        @WithDefault("10")
        int maxFailures();

        @WithDefault("PT15M")
        Duration window();

        @WithDefault("PT15M")
        Duration duration();
    }

    interface Challenge {
        @WithDefault("PT10M")
        Duration ttl();
    }

    interface Sms {
        @WithDefault("PT30S")
        Duration resendCooldown();

        @WithDefault("5")
        int maxPerPhonePerHour();

        @WithDefault("15")
        int maxPerAccountPerDay();

        /** Countries (ISO 3166 region codes) texts may go to; a number elsewhere is refused at enrollment. */
        @WithDefault("GB,IE,US,CA,AU,NZ,DE,FR,NL,BE,LU,ES,PT,IT,AT,CH,SE,NO,DK,FI,PL,CZ")
        List<String> allowedCountries();

        /** How many digits after the country code name a number's prefix ({@code +447700}). */
        @WithDefault("4")
        int prefixDigits();

        Velocity velocity();

        Blocking blocking();

        /** Estimated price of one text by country (ISO region), for the spend metrics; others cost {@link #defaultPrice}. */
        Map<String, Double> prices();

        @WithDefault("0.05")
        double defaultPrice();

        /**
         * Limits counted whatever the channel's state (outage mode forgives a person's caps, never
         * these). The global budget counts every text; the others count enrollment texts only, the
         * texts to numbers nobody has proved are theirs: sign-in texts go to confirmed numbers.
         */
        interface Velocity {
            @WithDefault("20")
            int perPrefixPerHour();

            @WithDefault("300")
            int perCountryPerHour();

            /** Countries with a limit of their own (ISO region → new numbers per hour), e.g. lower where fraud is common. */
            Map<String, Integer> countryLimits();

            @WithDefault("10")
            int enrollmentsPerClientPerHour();

            /** Different numbers one account may ask enrollment texts for in a day. */
            @WithDefault("3")
            int numbersPerAccountPerDay();

            @WithDefault("1000")
            int globalPerHour();

            @WithDefault("10000")
            int globalPerDay();
        }

        /** The conversion guard ({@code PumpingJudgement}). */
        interface Blocking {
            /** How far back texts are looked at. */
            @WithDefault("PT1H")
            Duration window();

            /** Texts younger than this are not judged yet: their codes may still be typed. */
            @WithDefault("PT2M")
            Duration grace();

            /** Texts a prefix needs in the window before it can be judged. */
            @WithDefault("10")
            int minimumTexts();

            /** Blocked when its codes are used at most this share of the rate everyone else's are. */
            @WithDefault("0.25")
            double maxShareOfOthers();

            /** ...and only while everyone else's codes are used at least this often (else it is an outage, not pumping). */
            @WithDefault("0.4")
            double minimumOthersConversion();

            @WithDefault("10")
            int minimumOthersTexts();

            @WithDefault("PT6H")
            Duration blockFor();

            /** How often the guard judges (a scheduler interval, e.g. 30s). */
            @WithDefault("30s")
            String evaluateEvery();
        }
    }

    /**
     * Over the last {@code window}, at least {@code minimumCalls} calls and {@code failureRatePercent} of
     * them failing opens a service's breaker; it lets calls try again after {@code openFor}.
     */
    interface ServiceBreakers {
        @WithDefault("PT30S")
        Duration window();

        @WithDefault("5")
        int minimumCalls();

        @WithDefault("50")
        float failureRatePercent();

        @WithDefault("PT10S")
        Duration openFor();
    }

    interface Tokens {
        @WithDefault("https://lifeline.local/auth")
        String issuer();

        @WithDefault("PT15M")
        Duration accessTtl();

        @WithDefault("P30D")
        Duration refreshTtl();

        /** A session not refreshed for this long has ended (except in outage mode). */
        @WithDefault("P14D")
        Duration idleTimeout();

        /** PEM (PKCS#8) private key that signs access tokens; absent: a key made at start-up (dev and tests only). */
        Optional<String> signingKeyLocation();

        @WithDefault("false")
        boolean requireConfiguredKey();
    }

    /** Authenticator apps (TOTP). */
    interface Totp {
        /**
         * Base64 of the 256-bit AES key that encrypts the apps' secrets at rest. No default: the dev
         * and test profiles have their own, production its secret store ({@code LIFELINE_TOTP_KEY}).
         */
        String encryptionKey();

        /** The name apps show next to the code. */
        @WithDefault("Lifeline")
        String issuer();
    }

    /**
     * Outage mode, while the SMS channel is DEGRADED or DOWN: nobody should be forced to sign in
     * again, or be refused a text later for the texts that never came.
     */
    interface Outage {
        /** A session refreshed during an outage lives this many times its usual lifetime. */
        @WithDefault("2")
        int refreshExtensionFactor();

        /** However long an outage lasts, no session lives longer than this from its sign-in. */
        @WithDefault("P30D")
        Duration absoluteSessionLifetime();

        /** Texts requested this long before the channel was seen failing no longer count against the caps. */
        @WithDefault("PT30M")
        Duration forgiveSmsRequestedWithin();
    }

    /** Passkeys (WebAuthn): which site they belong to, and how long a browser has to answer. */
    interface Passkeys {
        /** The relying party id: the registrable domain the pages are served from, as the browser sees it. */
        String rpId();

        /** The name authenticators show for the site. */
        @WithDefault("Lifeline")
        String rpName();

        /** The exact origins (scheme, host, port) of the pages that may use a passkey. */
        List<String> origins();

        /** How long a registration or sign-in challenge stays usable; each is single use. */
        @WithDefault("PT5M")
        Duration ceremonyTtl();
    }

    interface DevStaff {
        /** Only the local stack and tests turn this on; production seeds nothing. */
        @WithDefault("false")
        boolean enabled();

        /** The one documented password of every seeded staff account; never used outside this machine. */
        @WithDefault("lifeline-dev-password")
        String password();
    }
}
