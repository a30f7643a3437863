package dev.lifeline.devstack.sms;

import java.util.Arrays;

/** How a simulated SMS provider behaves; set with {@code PUT /sim/providers/{name}/mode}. */
public enum ProviderMode {
    /** Accepts the message and delivers it shortly after, with a delivery callback. */
    OK("ok"),
    /** Answers every request with a server error, as a provider in an outage does. */
    FAIL("fail"),
    /** Delivers, but only after a long pause before answering the API call. */
    SLOW("slow"),
    /** Accepts the message and never delivers it: no error, no callback. The 2022 failure. */
    SILENT_DROP("silent-drop");

    private final String wireName;

    ProviderMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ProviderMode of(String wireName) {
        return Arrays.stream(values())
                .filter(mode -> mode.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + wireName + "'"));
    }
}
