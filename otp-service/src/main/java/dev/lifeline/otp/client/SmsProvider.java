package dev.lifeline.otp.client;

import dev.lifeline.otp.config.OtpConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** One named SMS provider reached through its Twilio-compatible API. */
public final class SmsProvider {

    private final String name;
    private final OtpConfig.Provider config;
    private final TwilioMessagesApi api;
    private final String authorization;

    SmsProvider(String name, OtpConfig.Provider config) {
        this.name = name;
        this.config = config;
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.baseUrl())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(TwilioMessagesApi.class);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.accountSid() + ":" + config.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    public String name() {
        return name;
    }

    /** Hands the message to the provider; returns the provider's message id. Throws when it is refused. */
    public String send(String to, String body, String statusCallback) {
        return api.create(config.accountSid(), authorization, to, config.from(), body, statusCallback).sid();
    }
}
