package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.RefreshToken;
import dev.lifeline.auth.persistence.Session;
import dev.lifeline.auth.persistence.SmsChannel;
import dev.lifeline.contracts.events.LoginSucceeded;
import dev.lifeline.contracts.events.SessionsEnded;
import dev.lifeline.contracts.events.SessionsRevoked;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sessions and their tokens. Each refresh hands out a new refresh token and retires the old one;
 * an old one presented again means it was copied, so the whole session ends. A session ends when
 * it expires or sits unused too long; in outage mode (the SMS channel is not HEALTHY) it does not
 * end for idleness and a refresh stretches its lifetime, so nobody is signed out while signing in
 * again is hard.
 */
@ApplicationScoped
public class Sessions {

    /** Verifiers accept a token this long past its expiry (SmallRye JWT's default leeway). */
    private static final Duration TOKEN_CLOCK_SKEW = Duration.ofMinutes(1);

    @Inject
    Clock clock;

    private final AccessTokens accessTokens;
    private final Outbox outbox;
    private final AuthConfig.Tokens config;
    private final AuthConfig.Outage outage;

    public Sessions(AccessTokens accessTokens, Outbox outbox, AuthConfig config) {
        this.accessTokens = accessTokens;
        this.outbox = outbox;
        this.config = config.tokens();
        this.outage = config.outage();
    }

    /** A new session for a completed sign-in; {@code method} is the last factor used. */
    @Transactional
    public Tokens start(Account account, String method) {
        Instant now = clock.instant();
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.accountId = account.id;
        session.createdAt = now;
        session.authenticatedAt = now;
        session.lastUsedAt = now;
        session.expiresAt = now.plus(config.refreshTtl());
        session.persist();
        outbox.publish(account.id.toString(), new LoginSucceeded(account.id, method));
        return tokensFor(account, session, now);
    }

    @Transactional(dontRollbackOn = DomainError.class)
    public Tokens refresh(String refreshToken) {
        byte[] hash = BearerSecrets.hash(refreshToken);
        RefreshToken token = RefreshToken.findById(hash);
        if (token == null) {
            throw invalidRefreshToken();
        }
        Instant now = clock.instant();
        Session session = Session.findById(token.sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (!RefreshToken.markUsed(hash, now)) {
            if (session.revokedAt == null) {
                session.revoke("refresh token reused", now);
                announceEnded(session.accountId, List.of(session.id), "refresh token reused", now);
            }
            throw invalidRefreshToken();
        }
        if (!session.isActive(now, idleCutoff(now))) {
            throw invalidRefreshToken();
        }
        session.lastUsedAt = now;
        if (inOutageMode()) {
            Instant stretched = min(session.createdAt.plus(config.refreshTtl().multipliedBy(outage.refreshExtensionFactor())),
                    session.createdAt.plus(outage.absoluteSessionLifetime()));
            if (stretched.isAfter(session.expiresAt)) {
                session.expiresAt = stretched;
            }
        }
        return tokensFor(Account.findById(session.accountId), session, now);
    }

    /**
     * The person proved who they are again within this session: its access tokens carry a fresh
     * {@code auth_time} from now on. Returns a new access token; the refresh token stays as it is.
     */
    @Transactional
    public Tokens steppedUp(UUID accountId, UUID sessionId) {
        Session session = Session.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (session == null || !session.accountId.equals(accountId) || !session.isActive(now, idleCutoff(now))) {
            throw new DomainError.NotAuthenticated("unauthorized", "Sign in to do this.");
        }
        session.authenticatedAt = now;
        Account account = Account.findById(accountId);
        return new Tokens(accessTokens.issue(account, session.id, now, account.roleSet()), null,
                accessTokens.accessTtlSeconds(), "Bearer");
    }

    /** Ends one of the account's sessions; false when it has no such active session. */
    @Transactional
    public boolean revoke(UUID accountId, UUID sessionId, String reason) {
        Session session = Session.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (session == null || !session.accountId.equals(accountId) || !session.isActive(now, idleCutoff(now))) {
            return false;
        }
        session.revoke(reason, now);
        announceEnded(accountId, List.of(session.id), reason, now);
        return true;
    }

    /** Ends every session of the account (a recovery, a password reset): returns how many there were. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeAll(UUID accountId, String reason) {
        return revokeAllBut(accountId, null, reason);
    }

    /** Ends every session of the account but {@code keep} (a password change keeps the session that made it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeAllBut(UUID accountId, UUID keep, String reason) {
        Instant now = clock.instant();
        List<UUID> ended = Session.revokeAllOf(accountId, keep, reason, now);
        announceEnded(accountId, ended, reason, now);
        return ended.size();
    }

    /**
     * Tells the account's history ({@code account.security-events}) and every token-verifying service
     * ({@code auth.sessions-ended}, so their access tokens stop working there too, now rather than at expiry).
     */
    private void announceEnded(UUID accountId, List<UUID> sessionIds, String reason, Instant now) {
        outbox.publish(accountId.toString(), new SessionsRevoked(accountId, sessionIds.size(), reason));
        if (!sessionIds.isEmpty()) {
            outbox.publish(accountId.toString(), new SessionsEnded(accountId, sessionIds,
                    now.plus(config.accessTtl()).plus(TOKEN_CLOCK_SKEW)));
        }
    }

    @Transactional
    public boolean isActive(UUID sessionId) {
        Session session = Session.findById(sessionId);
        Instant now = clock.instant();
        return session != null && session.isActive(now, idleCutoff(now));
    }

    @Transactional
    public List<Session> active(UUID accountId) {
        Instant now = clock.instant();
        return Session.activeOf(accountId, now, idleCutoff(now));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Sessions last refreshed before this have ended for idleness; none do in outage mode. */
    private Instant idleCutoff(Instant now) {
        return inOutageMode() ? Instant.EPOCH : now.minus(config.idleTimeout());
    }

    private static boolean inOutageMode() {
        return !SmsChannel.current().usable();
    }

    private Tokens tokensFor(Account account, Session session, Instant now) {
        String refreshToken = BearerSecrets.newSecret();
        RefreshToken stored = new RefreshToken();
        stored.tokenHash = BearerSecrets.hash(refreshToken);
        stored.sessionId = session.id;
        stored.issuedAt = now;
        stored.persist();
        return new Tokens(accessTokens.issue(account, session.id, session.authenticatedAt, account.roleSet()), refreshToken,
                accessTokens.accessTtlSeconds(), "Bearer");
    }

    private static DomainError invalidRefreshToken() {
        return new DomainError.NotAuthenticated("invalid_refresh_token", "This refresh token is not valid any more; sign in again.");
    }
}
