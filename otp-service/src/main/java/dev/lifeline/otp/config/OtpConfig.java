package dev.lifeline.otp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code lifeline.otp.*}: codes and the SMS providers that carry them. */
@ConfigMapping(prefix = "lifeline.otp")
public interface OtpConfig {

    @WithDefault("PT5M")
    Duration codeTtl();

    @WithDefault("5")
    int maxAttempts();

    /** Base64 secret of the codes' keyed hash; production takes it from a secret store. */
    String codeHashKey();

    /** Where providers post delivery receipts: this service's public address. */
    URI callbackBaseUrl();

    /** Providers by preference; a send goes to the first that takes it. */
    List<String> providerOrder();

    Map<String, Provider> providers();

    Health health();

    /** How the SMS channel as a whole is judged (see {@code SmsChannelMonitor}). */
    interface Health {
        @WithDefault("PT2S")
        Duration evaluateEvery();

        /** Messages sent in this window are looked at for delivery receipts. */
        @WithDefault("PT3M")
        Duration window();

        /** A message counts as undelivered only when its receipt is this late. */
        @WithDefault("PT30S")
        Duration receiptGrace();

        /** Below this many messages in the window, receipts say nothing either way. */
        @WithDefault("5")
        int minimumMessages();

        /** Share of messages with a receipt below which the channel is DEGRADED. */
        @WithDefault("0.5")
        double minimumDeliveryRate();

        Conversion conversion();

        /** Longest an ops override may last; it always ends by itself. */
        @WithDefault("PT24H")
        Duration longestOverride();
    }

    /**
     * Codes that people stop typing in are the last sign of a channel that lies: receipts say
     * delivered, nobody gets the text. The share of codes used in the window is compared with the
     * share in the baseline period just before it.
     */
    interface Conversion {
        @WithDefault("PT10M")
        Duration window();

        /** Codes younger than this are not counted yet: people need time to type them. */
        @WithDefault("PT1M")
        Duration grace();

        @WithDefault("PT2H")
        Duration baseline();

        /** Codes needed in the window and in the baseline before conversion says anything. */
        @WithDefault("20")
        int minimumCodes();

        /** Conversion below this share of the baseline's turns the channel DEGRADED. */
        @WithDefault("0.5")
        double minimumShareOfBaseline();
    }

    /** Messages that are stuck end visibly: nobody should wait for a text that will never come. */
    Delivery delivery();

    interface Delivery {
        /** A message still queued this long after its request was lost before a provider had it. */
        @WithDefault("PT1M")
        Duration queuedTimeout();

        /** A sent message with no receipt this long after sending counts as undelivered. */
        @WithDefault("PT5M")
        Duration receiptTimeout();
    }

    /** The circuit breaker each provider sits behind; one setting for all of them. */
    Breaker breaker();

    interface Breaker {
        /** The time-based sliding window the failure and slow-call rates are measured over. */
        @WithDefault("30")
        int windowSeconds();

        @WithDefault("4")
        int minimumCalls();

        @WithDefault("50")
        float failureRatePercent();

        /** A call slower than this counts against the provider even when it succeeds. */
        @WithDefault("PT2S")
        Duration slowCall();

        @WithDefault("50")
        float slowCallRatePercent();

        /** How long an open breaker sends nothing before it lets a probe through. */
        @WithDefault("PT15S")
        Duration openFor();

        /** Attempts per provider for errors worth repeating (5xx, 429, network); others fail at once. */
        @WithDefault("2")
        int attempts();

        @WithDefault("PT0.2S")
        Duration retryWait();
    }

    /** A Twilio-compatible Messages API: Twilio itself, or the dev stack's simulator. */
    interface Provider {
        URI baseUrl();

        String accountSid();

        String authToken();

        String from();

        @WithDefault("PT2S")
        Duration connectTimeout();

        @WithDefault("PT5S")
        Duration readTimeout();
    }
}
