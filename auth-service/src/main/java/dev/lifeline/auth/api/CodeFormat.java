package dev.lifeline.auth.api;

import dev.lifeline.problem.Problems;

/** SMS and authenticator-app codes are six digits; refusing anything else here spares the failure budget. */
final class CodeFormat {

    private CodeFormat() {
    }

    static String check(String method, String code) {
        String trimmed = code.strip();
        if (("sms".equals(method) || "totp".equals(method)) && !trimmed.matches("[0-9]{6}")) {
            throw Problems.badRequest("invalid_code_format", "A text message or authenticator code is six digits.");
        }
        return trimmed;
    }
}
