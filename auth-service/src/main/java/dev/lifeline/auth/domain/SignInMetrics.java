package dev.lifeline.auth.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the people on call watch of sign-in during an SMS outage, on /q/metrics:
 * <ul>
 *   <li>{@code lifeline_signins_total{method, outcome}}: each step answered, by factor ({@code password} for
 *       the first step) and {@code success} or {@code failure};</li>
 *   <li>{@code lifeline_signin_routed_total{factor}}: people with SMS whose sign-in was pointed at another
 *       factor because texts could not be used then;</li>
 *   <li>{@code lifeline_sms_refused_total{reason}}: texts not sent because the channel was
 *       {@code degraded} or the SMS budget was {@code over_budget};</li>
 *   <li>{@code lifeline_signin_lockouts_total}: usernames locked after too many failures.</li>
 * </ul>
 * Every series exists from the start (at 0), so rates and alerts see the first event. Completed sign-ins and
 * routings are also kept in {@link SignInHistory}, for the /ops charts.
 */
@Startup
@ApplicationScoped
public class SignInMetrics {

    private final MeterRegistry registry;
    private final SignInHistory history;
    private final Counter lockouts;

    public SignInMetrics(MeterRegistry registry, SignInHistory history) {
        this.registry = registry;
        this.history = history;
        for (String method : Stream.concat(Stream.of("password"), Stream.of(Factor.values()).map(Factor::wireName)).toList()) {
            signins(method, "success");
            signins(method, "failure");
        }
        for (Factor factor : List.of(Factor.BACKUP_CODE, Factor.TOTP, Factor.PASSKEY)) {
            routed(factor);
        }
        refused("degraded");
        refused("over_budget");
        this.lockouts = Counter.builder("lifeline.signin.lockouts").description("Usernames locked after too many failed attempts")
                .register(registry);
    }

    void succeeded(String method) {
        signins(method, "success").increment();
        if (!"password".equals(method)) {
            history.record(SignInHistory.SIGNED_IN, method);
        }
    }

    /** A sign-in done with the password alone (an account without a second factor). */
    void signedInWithPasswordOnly() {
        history.record(SignInHistory.SIGNED_IN, "password");
    }

    void failed(String method) {
        signins(method, "failure").increment();
    }

    void routedTo(Factor factor) {
        routed(factor).increment();
        history.record(SignInHistory.ROUTED, factor.wireName());
    }

    void textRefused(String reason) {
        refused(reason).increment();
    }

    void lockedOut() {
        lockouts.increment();
    }

    private Counter signins(String method, String outcome) {
        return Counter.builder("lifeline.signins").description("Sign-in steps answered, by factor and outcome")
                .tag("method", method).tag("outcome", outcome).register(registry);
    }

    private Counter routed(Factor factor) {
        return Counter.builder("lifeline.signin.routed")
                .description("Sign-ins of people with SMS pointed at another factor because texts could not be used")
                .tag("factor", factor.wireName()).register(registry);
    }

    private Counter refused(String reason) {
        return Counter.builder("lifeline.sms.refused").description("Sign-in texts not sent: channel degraded or SMS budget spent")
                .tag("reason", reason).register(registry);
    }
}
