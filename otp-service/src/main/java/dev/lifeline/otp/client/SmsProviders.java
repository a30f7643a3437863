package dev.lifeline.otp.client;

import dev.lifeline.otp.config.OtpConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The configured providers, in order of preference. */
@ApplicationScoped
public class SmsProviders {

    private final List<SmsProvider> inOrder;

    public SmsProviders(OtpConfig config) {
        this.inOrder = config.providerOrder().stream()
                .map(name -> {
                    OtpConfig.Provider provider = config.providers().get(name);
                    if (provider == null) {
                        throw new IllegalStateException("lifeline.otp.provider-order names " + name + ", which is not configured");
                    }
                    return new SmsProvider(name, provider);
                })
                .toList();
    }

    public List<SmsProvider> inOrder() {
        return inOrder;
    }
}
