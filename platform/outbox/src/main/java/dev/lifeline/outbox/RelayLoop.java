package dev.lifeline.outbox;

import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs {@link OutboxRelay} passes on a thread of its own: immediately after a commit that wrote to
 * the outbox ({@link #wake()}), otherwise every poll interval, and with growing pauses while the
 * broker is away. After a failed pass the producer is replaced, so no half-broken client state
 * outlives an outage.
 */
public final class RelayLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RelayLoop.class);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final Supplier<Producer<String, String>> producers;
    private final RelaySettings settings;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long consecutiveFailures;

    public RelayLoop(String name, DataSource dataSource, Supplier<Producer<String, String>> producers, RelaySettings settings) {
        this.dataSource = dataSource;
        this.producers = producers;
        this.settings = settings;
        this.thread = new Thread(this::run, "outbox-relay-" + name);
        this.thread.setDaemon(true);
    }

    public RelayLoop start() {
        thread.start();
        return this;
    }

    /** Asks for a pass now, because a transaction just committed events. */
    public void wake() {
        wakeUps.release();
    }

    /** How many passes in a row the broker has refused; 0 when events flow. */
    public long consecutiveFailures() {
        return consecutiveFailures;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Producer<String, String> producer = null;
        long nextPurge = 0;
        while (running) {
            Duration pause = settings.pollInterval();
            boolean wakeable = true;
            try {
                if (producer == null) {
                    producer = producers.get();
                }
                OutboxRelay relay = new OutboxRelay(dataSource, producer, settings.batchSize());
                int sent = relay.relayOnce();
                if (consecutiveFailures > 0) {
                    LOG.infof("outbox relay: the broker takes events again after %d failed passes", consecutiveFailures);
                }
                consecutiveFailures = 0;
                if (sent == settings.batchSize()) {
                    pause = Duration.ZERO;
                }
                if (System.currentTimeMillis() >= nextPurge) {
                    relay.purgeSentBefore(settings.sentRetention());
                    nextPurge = System.currentTimeMillis() + PURGE_INTERVAL.toMillis();
                }
            } catch (Exception e) {
                consecutiveFailures++;
                pause = backoff();
                wakeable = false;
                LOG.warnf("outbox relay pass %d failed, next try in %d ms: %s", consecutiveFailures, pause.toMillis(), e.getMessage());
                if (producer != null && e instanceof OutboxRelay.RelayFailedException) {
                    producer.close(Duration.ZERO);
                    producer = null;
                }
            }
            sleep(pause, wakeable);
        }
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debugf("outbox relay producer did not close cleanly: %s", e.getMessage());
            }
        }
    }

    private Duration backoff() {
        long factor = 1L << Math.min(consecutiveFailures - 1, 10);
        Duration pause = settings.minBackoff().multipliedBy(factor);
        return pause.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : pause;
    }

    /** A backoff pause is not cut short by new commits: they wait for the broker like the rest. */
    private void sleep(Duration pause, boolean wakeable) {
        if (pause.isZero()) {
            return;
        }
        try {
            if (!wakeable) {
                Thread.sleep(pause.toMillis());
            } else if (wakeUps.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
