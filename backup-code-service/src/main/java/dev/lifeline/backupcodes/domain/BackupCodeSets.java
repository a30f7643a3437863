package dev.lifeline.backupcodes.domain;

import dev.lifeline.backupcodes.persistence.BackupCode;
import dev.lifeline.backupcodes.persistence.BackupCodeSet;
import dev.lifeline.contracts.events.BackupCodeSetGenerated;
import dev.lifeline.contracts.events.BackupCodeUsed;
import dev.lifeline.contracts.events.BackupCodesExhausted;
import dev.lifeline.contracts.events.BackupCodesRunningLow;
import dev.lifeline.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.lifeline.contracts.internal.BackupCodeChecks.NewSet;
import dev.lifeline.contracts.internal.BackupCodeChecks.Outcome;
import dev.lifeline.contracts.internal.BackupCodeChecks.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Generating, checking and counting backup codes. A set is shown once, at generation; afterwards
 * only hashes exist. A code works once: of concurrent uses of one code exactly one succeeds.
 */
@ApplicationScoped
public class BackupCodeSets {

    public static final int SET_SIZE = 10;
    /** At this many codes left the owner is told to make a new set. */
    public static final int RUNNING_LOW = 2;

    @Inject
    Clock clock;

    private final SecretHasher hasher;
    private final Outbox outbox;

    public BackupCodeSets(SecretHasher hasher, Outbox outbox) {
        this.hasher = hasher;
        this.outbox = outbox;
    }

    public record Status(long remaining, int total, Instant createdAt, Instant lastUsedAt) {
    }

    /** A new set for the account; the previous one stops working in the same transaction. */
    public NewSet generate(UUID accountId) {
        Map<String, BackupCodeFormat.Code> codes = new LinkedHashMap<>();
        while (codes.size() < SET_SIZE) {
            BackupCodeFormat.Code code = BackupCodeFormat.generate();
            codes.putIfAbsent(code.lookup(), code);
        }
        // hashing takes a while: before the transaction, so it holds no connection meanwhile
        Map<String, String> hashes = new LinkedHashMap<>();
        codes.forEach((lookup, code) -> hashes.put(lookup, hasher.hash(code.secret())));
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            BackupCodeSet.liveOfForUpdate(accountId).ifPresent(old -> {
                old.voidedAt = now;
                old.flush();
            });
            BackupCodeSet set = new BackupCodeSet();
            set.id = UUID.randomUUID();
            set.accountId = accountId;
            set.total = SET_SIZE;
            set.createdAt = now;
            set.persist();
            hashes.forEach((lookup, hash) -> {
                BackupCode code = new BackupCode();
                code.setId = set.id;
                code.lookup = lookup;
                code.secretHash = hash;
                code.persist();
            });
            outbox.publish(accountId.toString(), new BackupCodeSetGenerated(accountId, SET_SIZE));
        });
        return new NewSet(codes.values().stream().map(BackupCodeFormat.Code::display).toList(), now);
    }

    /** Checks a typed code and, when it is right and unused, consumes it. Costs exactly one hash. */
    public Verdict use(UUID accountId, String typed) {
        hasher.refuseIfFull();
        Optional<BackupCodeFormat.Code> parsed = BackupCodeFormat.parse(typed);
        if (parsed.isEmpty()) {
            hasher.matchesNothing(typed == null ? "" : typed);
            return new Verdict(Outcome.WRONG, 0);
        }
        BackupCodeFormat.Code code = parsed.get();
        record Candidate(UUID setId, String hash, boolean used) {
        }
        Optional<Candidate> candidate = QuarkusTransaction.requiringNew().call(() -> BackupCodeSet.liveOf(accountId)
                .flatMap(set -> BackupCode.findCode(set.id, code.lookup()))
                .map(row -> new Candidate(row.setId, row.secretHash, row.usedAt != null)));
        boolean right = candidate.isPresent()
                ? hasher.matches(code.secret(), candidate.get().hash())
                : hasher.matchesNothing(code.secret());
        if (!right) {
            return new Verdict(Outcome.WRONG, 0);
        }
        if (candidate.get().used()) {
            return new Verdict(Outcome.ALREADY_USED, 0);
        }
        return QuarkusTransaction.requiringNew().call(() -> consume(accountId, candidate.get().setId(), code.lookup()));
    }

    public Status status(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> BackupCodeSet.liveOf(accountId)
                .map(set -> new Status(set.remaining(), set.total, set.createdAt, set.lastUsedAt))
                .orElse(new Status(0, 0, null, null)));
    }

    private Verdict consume(UUID accountId, UUID setId, String lookup) {
        // the set's row lock puts uses of one set in a line, so each sees the true count
        Optional<BackupCodeSet> live = BackupCodeSet.liveOfForUpdate(accountId).filter(set -> set.id.equals(setId));
        if (live.isEmpty()) {
            return new Verdict(Outcome.WRONG, 0);
        }
        Instant now = clock.instant();
        if (!BackupCode.consume(setId, lookup, now)) {
            return new Verdict(Outcome.ALREADY_USED, 0);
        }
        BackupCodeSet set = live.get();
        set.lastUsedAt = now;
        long remaining = set.remaining();
        outbox.publish(accountId.toString(), new BackupCodeUsed(accountId, (int) remaining));
        if (remaining == RUNNING_LOW) {
            outbox.publish(accountId.toString(), new BackupCodesRunningLow(accountId, (int) remaining));
        }
        if (remaining == 0) {
            outbox.publish(accountId.toString(), new BackupCodesExhausted(accountId));
        }
        return new Verdict(Outcome.ACCEPTED, remaining);
    }
}
