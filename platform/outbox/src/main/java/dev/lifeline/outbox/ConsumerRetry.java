package dev.lifeline.outbox;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a consumer applies an event: until it succeeds, with growing pauses. A consumer may neither
 * lose an event nor skip past it to the next one of the same aggregate, so while its database is
 * away it waits (lag shows it) instead of stopping its channel for good, which is what an exception
 * out of an {@code @Incoming} method does.
 */
public final class ConsumerRetry {

    private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

    private ConsumerRetry() {
    }

    public static <T> T untilApplied(String consumer, Supplier<T> application) {
        Retry retry = Retry.of(consumer, RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10)))
                .retryOnException(e -> !Thread.currentThread().isInterrupted())
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(event -> LOG.warnf("%s: applying an event failed (attempt %d), retrying in %s: %s",
                consumer, event.getNumberOfRetryAttempts(), event.getWaitInterval(), event.getLastThrowable().toString()));
        return Retry.decorateSupplier(retry, application).get();
    }
}
