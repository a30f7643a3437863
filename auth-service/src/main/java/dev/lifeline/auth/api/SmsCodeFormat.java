package dev.lifeline.auth.api;

import dev.lifeline.problem.Problems;

/** An SMS code is six digits; refusing anything else here spares otp-service and the failure budget. */
final class SmsCodeFormat {

    private SmsCodeFormat() {
    }

    static String check(String method, String code) {
        String trimmed = code.strip();
        if ("sms".equals(method) && !trimmed.matches("[0-9]{6}")) {
            throw Problems.badRequest("invalid_code_format", "A text message code is six digits.");
        }
        return trimmed;
    }
}
