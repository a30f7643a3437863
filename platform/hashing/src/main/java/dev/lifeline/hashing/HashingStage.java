package dev.lifeline.hashing;

import com.sun.jna.Memory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Where every Argon2id run happens. At most {@code workers} run at once (each needs 19 MiB for
 * about 25 ms of a core, so more than the cores only adds memory and latency), at most {@code queue}
 * more wait their turn, and anything beyond that is refused at once with {@link Saturated}, which
 * the REST layer answers 503 with Retry-After. An attacker who floods unauthenticated sign-ins gets
 * refusals, not a service whose memory grows with its backlog.
 *
 * <p>Each worker owns its {@link Scratch}: native memory allocated once and reused by every run on
 * it, so the stage's memory is {@code workers} × 19 MiB for the life of the service, outside the
 * Java heap, and no run pays for fresh pages (which cost more than the hash on a virtual machine).
 *
 * <p>Metrics: {@code lifeline_hashing_runs_seconds} (count and time of the runs),
 * {@code lifeline_hashing_running}, {@code lifeline_hashing_waiting} and {@code lifeline_hashing_refused_total}.
 */
@ApplicationScoped
public class HashingStage {

    /** The stage is full: the caller should come back shortly. */
    public static final class Saturated extends RuntimeException {
        /** Also for a caller that learns another service's stage is full. */
        public Saturated() {
            super("the hashing stage is full", null, false, false);
        }
    }

    /** A worker's native memory, grown (never shrunk) to the largest run it has had. */
    public static final class Scratch {
        private Memory memory;

        /** At least {@code bytes} of native memory, the same block run after run. */
        public Memory atLeast(long bytes) {
            if (memory == null || memory.size() < bytes) {
                if (memory != null) {
                    memory.close();
                }
                memory = new Memory(bytes);
            }
            return memory;
        }
    }

    private final int workers;
    private final int capacity;
    private final Semaphore running;
    private final BlockingQueue<Scratch> scratches;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Counter refused;
    private final Timer runs;

    @Inject
    public HashingStage(HashingConfig config, MeterRegistry meters) {
        this(config.workers().orElse(Runtime.getRuntime().availableProcessors()), config.queue(), meters);
    }

    HashingStage(int workers, OptionalInt queue, MeterRegistry meters) {
        if (workers < 1) {
            throw new IllegalArgumentException("lifeline.hashing.workers must be at least 1");
        }
        this.workers = workers;
        this.capacity = workers + queue.orElse(2 * workers);
        this.running = new Semaphore(workers, true);
        this.scratches = new ArrayBlockingQueue<>(workers);
        for (int i = 0; i < workers; i++) {
            scratches.add(new Scratch());
        }
        this.refused = Counter.builder("lifeline.hashing.refused")
                .description("Argon2id runs refused because the hashing stage was full (answered 503)").register(meters);
        this.runs = Timer.builder("lifeline.hashing.runs").description("Argon2id runs on a worker of the stage, and how long each took")
                .register(meters);
        Gauge.builder("lifeline.hashing.running", this, stage -> stage.workers - stage.running.availablePermits())
                .description("Argon2id runs in progress").strongReference(true).register(meters);
        Gauge.builder("lifeline.hashing.waiting", running, Semaphore::getQueueLength)
                .description("Argon2id runs waiting for a worker").strongReference(true).register(meters);
    }

    /**
     * Refuses at once, before the caller spends anything else on a request that needs a hash, when
     * the stage is already full: under a flood, a refusal must cost next to nothing, or refusing
     * itself takes the cores the admitted runs need. ({@link #run} still holds the bound.)
     */
    public void refuseIfFull() {
        if (admitted.get() >= capacity) {
            refused.increment();
            throw new Saturated();
        }
    }

    /** Runs one hash on a worker of the stage with that worker's memory, waiting for one if needed; throws {@link Saturated} when the queue is full. */
    public <T> T run(Function<Scratch, T> hash) {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            refused.increment();
            throw new Saturated();
        }
        try {
            running.acquireUninterruptibly();
            Scratch scratch = scratches.remove();
            try {
                return runs.record(() -> hash.apply(scratch));
            } finally {
                scratches.add(scratch);
                running.release();
            }
        } finally {
            admitted.decrementAndGet();
        }
    }
}
