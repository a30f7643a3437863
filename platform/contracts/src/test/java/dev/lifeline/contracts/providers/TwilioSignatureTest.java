package dev.lifeline.contracts.providers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class TwilioSignatureTest {

    private static final String URL = "https://otp.lifeline.example/callbacks/sms/alpha/3f0e8a52-8d55-4c59-9d64-4f6f3c2a1b7e";
    /**
     * Computed apart from this code, with the parameters sorted by hand:
     * {@code printf '%s' "$URL""AccountSidACalpha00000000000000000000000000From+15005550006MessageSidSM123MessageStatusdeliveredTo+447700900123"
     * | openssl dgst -sha1 -hmac dev-token-alpha -binary | base64}
     */
    private static final String OPENSSL_SIGNATURE = "OCsndaudPmsZ9IhUXND7JQwAU4g=";

    private static Map<String, String> receipt() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM123");
        params.put("MessageStatus", "delivered");
        params.put("To", "+447700900123");
        params.put("AccountSid", "ACalpha00000000000000000000000000");
        params.put("From", "+15005550006");
        return params;
    }

    @Test
    void signsAsTwilioDefinesIt() {
        assertEquals(OPENSSL_SIGNATURE, TwilioSignature.sign("dev-token-alpha", URL, receipt()));
        assertTrue(TwilioSignature.isValid(OPENSSL_SIGNATURE, "dev-token-alpha", URL, receipt()));
    }

    @Test
    void anyChangeBreaksTheSignature() {
        Map<String, String> failed = receipt();
        failed.put("MessageStatus", "failed");
        assertFalse(TwilioSignature.isValid(OPENSSL_SIGNATURE, "dev-token-alpha", URL, failed));
        assertFalse(TwilioSignature.isValid(OPENSSL_SIGNATURE, "dev-token-bravo", URL, receipt()));
        assertFalse(TwilioSignature.isValid(OPENSSL_SIGNATURE, "dev-token-alpha", URL.replace("/alpha/", "/bravo/"), receipt()));
        assertFalse(TwilioSignature.isValid(null, "dev-token-alpha", URL, receipt()));
        assertFalse(TwilioSignature.isValid("", "dev-token-alpha", URL, receipt()));
    }
}
