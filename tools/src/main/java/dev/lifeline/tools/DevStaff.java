package dev.lifeline.tools;

import dev.lifeline.contracts.totp.Totp;
import org.apache.commons.codec.binary.Base32;

import java.time.Instant;
import java.util.Map;

/**
 * The local stack's seeded staff (agent1, agent2, ops1) as drills and benchmarks sign in: the
 * documented dev-only password, then the code of the documented dev-only authenticator secret (the
 * tools are the staff's authenticator app). Never valid outside the local stack.
 */
public final class DevStaff {

    static final String PASSWORD = "lifeline-dev-password";
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";

    private DevStaff() {
    }

    /**
     * An access token of {@code username}, signed in through {@code gateway}. A code works once per
     * account, so when another tool just used this one, the next is awaited.
     */
    public static String signIn(Http http, String gateway, String username) {
        for (int attempt = 1; ; attempt++) {
            Http.Answer answer = http.call("POST", gateway + "/api/login", Map.of("username", username, "password", PASSWORD), null);
            if (answer.status() == 200 && "SECOND_FACTOR_REQUIRED".equals(answer.body().path("status").asText())) {
                String code = Totp.code(new Base32().decode(TOTP_SECRET), Totp.stepAt(Instant.now()));
                answer = http.call("POST", gateway + "/api/login/challenges/" + answer.body().path("challenge").path("id").asText()
                        + "/verify", Map.of("method", "totp", "code", code), null);
                if (answer.status() == 401 && "code_used".equals(answer.body().path("code").asText()) && attempt == 1) {
                    sleepUntilTheNextStep();
                    continue;
                }
            }
            if (answer.status() != 200 || !"AUTHENTICATED".equals(answer.body().path("status").asText())) {
                throw new IllegalStateException("cannot sign in as " + username + ": HTTP " + answer.status() + " " + answer.body());
            }
            return answer.body().path("tokens").path("accessToken").asText();
        }
    }

    private static void sleepUntilTheNextStep() {
        try {
            Thread.sleep((Totp.STEP_SECONDS - Instant.now().getEpochSecond() % Totp.STEP_SECONDS) * 1000 + 200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
