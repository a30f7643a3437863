package dev.lifeline.auth.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.LoginChallenge;
import dev.lifeline.auth.persistence.SmsPrefixBlock;
import dev.lifeline.problem.DomainError;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a text may go, before it is asked for: texts only to people, never to numbers
 * fraudsters are paid for. Counts every text in PostgreSQL (so the limits hold across instances),
 * whatever the channel's state: outage mode forgives a person's own caps, never these.
 * <ul>
 * <li>only to allowed countries;</li>
 * <li>never to a new number in a prefix the conversion guard blocked ({@link PumpingGuard});</li>
 * <li>a global hourly and daily budget (ops can raise it), counted under one lock;</li>
 * <li>enrollment texts, to numbers nobody has proved are theirs (the only texts a fraudster can aim):
 * per prefix, per country and per client address per hour, and a few different numbers per account
 * per day. Sign-in texts go to numbers a person confirmed; their own caps are per phone and account,
 * so a busy hour of real sign-ins in one country never locks anyone out.</li>
 * </ul>
 */
@ApplicationScoped
public class SmsFraudGuard {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Serialises budget checks across instances, so concurrent requests cannot all squeeze under it. */
    private static final long BUDGET_LOCK = 0x4c69666531344cL;

    @Inject
    Clock clock;

    private final AuthConfig.Sms config;
    private final Set<String> allowedCountries;
    private final SmsBudget budget;

    public SmsFraudGuard(AuthConfig config, SmsBudget budget) {
        this.config = config.sms();
        this.allowedCountries = this.config.allowedCountries().stream().map(c -> c.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.budget = budget;
    }

    /** Where a number is: its country (ISO region) and prefix (country code and the next digits). */
    public record Destination(String country, String prefix) {
    }

    public Destination destinationOf(String e164) {
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(e164, "ZZ");
            // the number's own region where its range says (+1 is the US, Canada and the Caribbean), else the code's main one
            String region = Optional.ofNullable(UTIL.getRegionCodeForNumber(number))
                    .orElseGet(() -> UTIL.getRegionCodeForCountryCode(number.getCountryCode()));
            String countryCode = "+" + number.getCountryCode();
            String national = e164.substring(countryCode.length());
            return new Destination(region, countryCode + national.substring(0, Math.min(config.prefixDigits(), national.length())));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not E.164: " + e164.length() + " characters", e);
        }
    }

    /** Refuses a number in a country texts may not go to (at enrollment, before any text). */
    public void ensureAllowed(String e164) {
        String country = destinationOf(e164).country();
        if (!allowedCountries.contains(country)) {
            throw new DomainError.Invalid("sms_country_not_allowed", "We do not send text messages to this country; use an authenticator app or a passkey instead.")
                    .with("country", country);
        }
    }

    /** Inside the send's transaction: returns where the text goes, or refuses it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Destination admit(LoginChallenge challenge, String clientAddress) {
        Instant now = clock.instant();
        ensureAllowed(challenge.phone);
        Destination to = destinationOf(challenge.phone);
        boolean newNumber = challenge.purpose == LoginChallenge.Purpose.SMS_ENROLLMENT;
        if (newNumber) {
            SmsPrefixBlock.activeFor(to.prefix(), now).ifPresent(block -> {
                throw new DomainError.Limited("sms_prefix_blocked", "We are not sending texts to numbers like this one for now; use an authenticator app or a passkey.")
                        .retryAfter(Math.max(1, Duration.between(now, block.until).toSeconds()));
            });
        }
        Panache.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, BUDGET_LOCK).getSingleResult();
        if (budget.usage().exhausted()) {
            throw SmsBudget.exhausted();
        }
        Instant hourAgo = now.minus(Duration.ofHours(1));
        if (newNumber) {
            if (count("prefix = :value AND purpose = 'SMS_ENROLLMENT'", to.prefix(), hourAgo) >= config.velocity().perPrefixPerHour()) {
                throw limitReached("prefix", "Too many new numbers like this one were texted in the last hour; try again later.");
            }
            int countryLimit = config.velocity().countryLimits().getOrDefault(to.country(), config.velocity().perCountryPerHour());
            if (count("country = :value AND purpose = 'SMS_ENROLLMENT'", to.country(), hourAgo) >= countryLimit) {
                throw limitReached("country", "Too many new numbers in this country were texted in the last hour; try again later.");
            }
            if (count("client_address = :value AND purpose = 'SMS_ENROLLMENT'", clientAddress, hourAgo)
                    >= config.velocity().enrollmentsPerClientPerHour()) {
                throw limitReached("client", "Too many numbers were set up from your network in the last hour; try again later.");
            }
            Number numbers = (Number) Panache.getEntityManager().createNativeQuery("""
                            SELECT count(DISTINCT phone) FROM sms_request
                            WHERE account_id = ?1 AND purpose = 'SMS_ENROLLMENT' AND requested_at > ?2 AND phone <> ?3""")
                    .setParameter(1, challenge.accountId).setParameter(2, now.minus(Duration.ofDays(1))).setParameter(3, challenge.phone)
                    .getSingleResult();
            if (numbers.intValue() >= config.velocity().numbersPerAccountPerDay()) {
                throw limitReached("numbers", "This account tried too many different numbers today; try again tomorrow.");
            }
        }
        return to;
    }

    private static long count(String condition, String value, Instant since) {
        return ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM sms_request WHERE requested_at > :since AND " + condition)
                .setParameter("since", since).setParameter("value", value).getSingleResult()).longValue();
    }

    private static DomainError limitReached(String limit, String detail) {
        return new DomainError.Limited("sms_limit_reached", detail)
                .with("limit", limit)
                .retryAfter(3600);
    }
}
