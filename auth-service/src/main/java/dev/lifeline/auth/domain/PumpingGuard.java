package dev.lifeline.auth.domain;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.SmsChannel;
import dev.lifeline.auth.persistence.SmsPrefixBlock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The conversion guard: every tick, one instance (a transaction-scoped advisory lock) looks at the
 * last hour of texts by prefix and blocks the prefixes {@link PumpingJudgement} calls pumping; a block
 * ends by itself or when ops lift it ({@link #lift}), and a lifted prefix is not blocked again before
 * the block would have ended. Also keeps the gauges the alerts watch.
 */
@ApplicationScoped
public class PumpingGuard {

    private static final Logger LOG = Logger.getLogger(PumpingGuard.class);
    private static final long EVALUATION_LOCK = 0x4c69666531344dL;

    @Inject
    Clock clock;

    private final AuthConfig.Sms.Blocking config;
    private final PumpingJudgement.Rules rules;
    private final Counter blocks;
    private final SmsBudget budget;
    private volatile double budgetExhausted;
    private volatile double activeBlocks;

    public PumpingGuard(AuthConfig config, MeterRegistry registry, SmsBudget budget) {
        this.config = config.sms().blocking();
        this.rules = new PumpingJudgement.Rules(this.config.minimumTexts(), this.config.maxShareOfOthers(),
                this.config.minimumOthersConversion(), this.config.minimumOthersTexts());
        this.budget = budget;
        this.blocks = Counter.builder("lifeline.sms.prefix.blocks").description("Prefixes blocked as SMS pumping").register(registry);
        Gauge.builder("lifeline.sms.budget.exhausted", this, guard -> guard.budgetExhausted)
                .description("1 while the global SMS budget is used up").strongReference(true).register(registry);
        Gauge.builder("lifeline.sms.prefix.blocked", this, guard -> guard.activeBlocks)
                .description("Prefixes blocked right now").strongReference(true).register(registry);
    }

    @Scheduled(every = "${lifeline.auth.sms.blocking.evaluate-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        evaluate();
        budgetExhausted = budget.usage().exhausted() ? 1 : 0;
    }

    /** One judgement of the window; returns the prefixes blocked by it. */
    public List<PumpingJudgement.Block> evaluate() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            activeBlocks = SmsPrefixBlock.count("liftedAt is null and until > ?1", now);
            boolean mine = (Boolean) Panache.getEntityManager().createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, EVALUATION_LOCK).getSingleResult();
            if (!mine) {
                return List.of();
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                            SELECT prefix, min(country), count(*), count(code_used_at) FROM sms_request
                            WHERE prefix IS NOT NULL AND requested_at > ?1 AND requested_at <= ?2
                            GROUP BY prefix""")
                    .setParameter(1, now.minus(config.window())).setParameter(2, now.minus(config.grace()))
                    .getResultList();
            List<PumpingJudgement.PrefixTexts> window = rows.stream().map(r -> new PumpingJudgement.PrefixTexts((String) r[0],
                    (String) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).longValue())).toList();
            List<PumpingJudgement.Block> verdicts = PumpingJudgement.judge(window, SmsChannel.current().usable(), rules);
            List<PumpingJudgement.Block> added = verdicts.stream().filter(v -> block(v, now)).toList();
            added.forEach(v -> {
                blocks.increment();
                LOG.warnf("SMS prefix %s (%s) blocked until %s as pumping: %s", v.prefix(), v.country(), now.plus(config.blockFor()),
                        v.reason());
            });
            activeBlocks = SmsPrefixBlock.count("liftedAt is null and until > ?1", now);
            return added;
        });
    }

    /** Ops lift a block; false when the prefix was not blocked. */
    public boolean lift(String prefix, String by) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            Optional<SmsPrefixBlock> block = SmsPrefixBlock.activeFor(prefix, now);
            block.ifPresent(b -> {
                b.liftedAt = now;
                b.liftedBy = by;
                LOG.infof("SMS prefix %s unblocked by %s", prefix, by);
            });
            return block.isPresent();
        });
    }

    /** A new block, unless one is in force or ops lifted one whose time is not over yet. */
    private boolean block(PumpingJudgement.Block verdict, Instant now) {
        return Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO sms_prefix_block (prefix, country, blocked_at, until, reason) VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (prefix) DO UPDATE SET country = excluded.country, blocked_at = excluded.blocked_at,
                          until = excluded.until, reason = excluded.reason, lifted_at = NULL, lifted_by = NULL
                        WHERE sms_prefix_block.until <= ?3""")
                .setParameter(1, verdict.prefix()).setParameter(2, verdict.country()).setParameter(3, now)
                .setParameter(4, now.plus(config.blockFor())).setParameter(5, verdict.reason())
                .executeUpdate() == 1;
    }
}
