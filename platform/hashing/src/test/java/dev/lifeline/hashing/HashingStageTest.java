package dev.lifeline.hashing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The stage's rule: so many run, so many wait, the rest are refused at once, and room frees as work ends. */
@Tag("unit")
class HashingStageTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @Test
    void runsAsManyAsItHasWorkersQueuesAsManyAsItMayAndRefusesTheRestAtOnce() throws Exception {
        HashingStage stage = new HashingStage(2, OptionalInt.of(1), meters);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Runnable slowHash = () -> stage.run(scratch -> {
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return atOnce.decrementAndGet();
        });
        CompletableFuture<?> first = CompletableFuture.runAsync(slowHash, threads);
        CompletableFuture<?> second = CompletableFuture.runAsync(slowHash, threads);
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("lifeline.hashing.running") == 2);
        CompletableFuture<?> third = CompletableFuture.runAsync(slowHash, threads);
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("lifeline.hashing.waiting") == 1);

        assertThrows(HashingStage.Saturated.class, stage::refuseIfFull);
        assertThrows(HashingStage.Saturated.class, () -> stage.run(scratch -> "a fourth"));
        assertEquals(2.0, meters.get("lifeline.hashing.refused").counter().count());

        release.countDown();
        CompletableFuture.allOf(first, second, third).get();
        assertEquals(2, mostAtOnce.get(), "never more runs at once than workers");
        stage.refuseIfFull();
        assertEquals("room again", stage.run(scratch -> "room again"));
        assertEquals(0.0, gauge("lifeline.hashing.running"));
    }

    @Test
    void aFailingHashGivesItsPlaceBack() {
        HashingStage stage = new HashingStage(1, OptionalInt.of(0), meters);
        assertThrows(IllegalStateException.class, () -> stage.run(scratch -> {
            throw new IllegalStateException("libargon2 said no");
        }));
        assertEquals("next", stage.run(scratch -> "next"));
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
