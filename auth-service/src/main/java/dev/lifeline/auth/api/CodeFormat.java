package dev.lifeline.auth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.auth.domain.Factor;
import dev.lifeline.problem.Problems;

/**
 * The shape of a second factor's answer, checked before any of it is looked at: SMS and
 * authenticator-app codes are six digits, a passkey's answer is a JSON object. Refusing anything
 * else here spares the failure budget.
 */
final class CodeFormat {

    private CodeFormat() {
    }

    static String check(Factor method, String code) {
        if (code == null || code.isBlank()) {
            throw Problems.badRequest("code_required", "Give the code (\"code\").");
        }
        String trimmed = code.strip();
        if (method.sixDigitCode() && !trimmed.matches("[0-9]{6}")) {
            throw Problems.badRequest("invalid_code_format", "A text message or authenticator code is six digits.");
        }
        return trimmed;
    }

    /** The browser's PublicKeyCredential, as JSON text for webauthn4j. */
    static String credential(JsonNode credential) {
        if (credential == null || !credential.isObject()) {
            throw Problems.badRequest("credential_required", "Give the passkey's answer (\"credential\") as the browser returned it.");
        }
        return credential.toString();
    }
}
