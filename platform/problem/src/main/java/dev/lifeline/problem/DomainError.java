package dev.lifeline.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A rule of the domain said no. Domain code throws one of the kinds below with a stable {@code code}
 * a client can act on and a sentence for people; it knows nothing of HTTP. The edge
 * ({@link ProblemMappers}) answers each kind with its status as {@code application/problem+json}.
 *
 * <pre>{@code throw new DomainError.Conflict("code_used", "This code was already used.");}</pre>
 */
public abstract class DomainError extends RuntimeException {

    private final String code;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private Long retryAfterSeconds;

    private DomainError(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** Adds a member the client reads beside {@code code}, for example {@code attemptsLeft}. */
    public DomainError with(String member, Object value) {
        details.put(member, value);
        return this;
    }

    /** When asking again can succeed, in seconds. */
    public DomainError retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }

    /** The request itself is wrong: a value outside what the rule accepts. */
    public static final class Invalid extends DomainError {
        public Invalid(String code, String detail) {
            super(code, detail);
        }
    }

    /** Who is asking is not proven: no session, a wrong password or code. */
    public static final class NotAuthenticated extends DomainError {
        public NotAuthenticated(String code, String detail) {
            super(code, detail);
        }
    }

    /** Who is asking is known but may not do this, or not yet (a second factor, a verified address first). */
    public static final class Refused extends DomainError {
        public Refused(String code, String detail) {
            super(code, detail);
        }
    }

    /** Nothing the caller may see has this name or id. */
    public static final class NotFound extends DomainError {
        public NotFound(String code, String detail) {
            super(code, detail);
        }
    }

    /** The state things are in does not allow it: already done, not set up, taken. */
    public static final class Conflict extends DomainError {
        public Conflict(String code, String detail) {
            super(code, detail);
        }
    }

    /** It existed and can no longer be used: an expired code, a spent link. */
    public static final class Expired extends DomainError {
        public Expired(String code, String detail) {
            super(code, detail);
        }
    }

    /** Too many, too soon: a limit or a lock, usually with {@link #retryAfterSeconds()}. */
    public static final class Limited extends DomainError {
        public Limited(String code, String detail) {
            super(code, detail);
        }
    }

    /** Something this depends on cannot do it right now (the SMS channel, another service); nothing was changed. */
    public static final class Unavailable extends DomainError {
        public Unavailable(String code, String detail) {
            super(code, detail);
        }
    }
}
