package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.SmsBudgetOverride;
import dev.lifeline.problem.DomainError;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many texts Lifeline sends in total, per hour and per day: the last line against pumping that
 * walks around every other limit. Past it, new SMS enrollments stop and sign-ins go to other factors
 * (an alert fires, see deploy/); ops can raise it, which is recorded with their name.
 */
@ApplicationScoped
public class SmsBudget {

    @Inject
    Clock clock;

    private final AuthConfig.Sms.Velocity defaults;

    public SmsBudget(AuthConfig config) {
        this.defaults = config.sms().velocity();
    }

    public record Limits(int perHour, int perDay, String setBy, Instant setAt) {
    }

    public record Usage(Limits limits, long lastHour, long lastDay, boolean exhausted) {
    }

    @Transactional
    public Limits current() {
        SmsBudgetOverride raised = SmsBudgetOverride.findById(1);
        return raised == null ? new Limits(defaults.globalPerHour(), defaults.globalPerDay(), null, null)
                : new Limits(raised.perHour, raised.perDay, raised.setBy, raised.setAt);
    }

    @Transactional
    public Usage usage() {
        Limits limits = current();
        Instant now = clock.instant();
        long hour = sentSince(now.minus(Duration.ofHours(1)));
        long day = sentSince(now.minus(Duration.ofDays(1)));
        return new Usage(limits, hour, day, hour >= limits.perHour() || day >= limits.perDay());
    }

    /** Ops set the budget (raise it in an attack on a busy day, or lower it); {@code null}s go back to the default. */
    @Transactional
    public Limits set(Integer perHour, Integer perDay, String by) {
        if (perHour == null && perDay == null) {
            SmsBudgetOverride.deleteById(1);
            return current();
        }
        SmsBudgetOverride row = SmsBudgetOverride.<SmsBudgetOverride>findByIdOptional(1).orElseGet(SmsBudgetOverride::new);
        boolean isNew = !row.isPersistent();
        row.perHour = perHour == null ? defaults.globalPerHour() : perHour;
        row.perDay = perDay == null ? defaults.globalPerDay() : perDay;
        row.setBy = by;
        row.setAt = clock.instant();
        if (isNew) {
            row.persist();
        }
        return current();
    }

    static DomainError exhausted() {
        return new DomainError.Unavailable("sms_budget_exhausted", "We have sent as many text messages as we allow for now; use an authenticator app, a passkey or a backup code.")
                .retryAfter(600);
    }

    private static long sentSince(Instant since) {
        return ((Number) Panache.getEntityManager().createNativeQuery("SELECT count(*) FROM sms_request WHERE requested_at > ?1")
                .setParameter(1, since).getSingleResult()).longValue();
    }
}
