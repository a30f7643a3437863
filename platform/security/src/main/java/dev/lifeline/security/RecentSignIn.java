package dev.lifeline.security;

import dev.lifeline.problem.DomainError;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The rule for sensitive actions (new backup codes, approving a recovery, overriding the SMS
 * channel): the caller proved who they are within the last few minutes, at sign-in or with a
 * step-up ({@code POST /api/me/step-up}), as the access token's {@code auth_time} says. A stolen
 * session alone is not enough.
 */
@RequestScoped
public class RecentSignIn {

    public static final String AUTH_TIME_CLAIM = "auth_time";

    private final JsonWebToken caller;
    private final Duration window;
    private final Clock clock;

    public RecentSignIn(JsonWebToken caller,
                        @ConfigProperty(name = "lifeline.security.fresh-sign-in") Duration window) {
        this.caller = caller;
        this.window = window;
        this.clock = Clock.systemUTC();
    }

    /** Returns when the caller signed in or stepped up recently enough to {@code action}; else 403 {@code reauthentication_required}. */
    public void require(String action) {
        Long authTime = caller.claim(AUTH_TIME_CLAIM).map(value -> ((Number) value).longValue()).orElse(null);
        if (!isRecent(authTime, window, clock.instant())) {
            throw new DomainError.Refused("reauthentication_required", "Confirm it is you to " + action + ": this needs a sign-in or step-up (POST /api/me/step-up) from the last "
                            + (window.toSeconds() < 120 ? window.toSeconds() + " seconds." : window.toMinutes() + " minutes."))
                    .with("stepUp", "POST /api/me/step-up");
        }
    }

    /** Pure: whether a proof at {@code authTime} (epoch seconds; null when the token has none) still counts at {@code now}. */
    static boolean isRecent(Long authTime, Duration window, Instant now) {
        return authTime != null && !Instant.ofEpochSecond(authTime).plus(window).isBefore(now);
    }
}
