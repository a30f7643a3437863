package dev.lifeline.tools.bench;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code ./lifeline bench breakers [calls]}: what a provider's circuit breaker and retry cost on the
 * healthy path. The same send to the simulator's provider (the SMS request otp-service makes) is
 * timed bare and wrapped exactly as otp-service's {@code SmsProvider} wraps it (a time-based
 * breaker around a retry), in alternating rounds so both see the same machine; then the wrappers
 * alone around a call that does nothing, which is their pure cost.
 */
public final class BreakerOverheadBenchmark {

    private static final String ACCOUNT = "ACbench0000000000000000000000000";
    private static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString((ACCOUNT + ":bench-token").getBytes(StandardCharsets.UTF_8));
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        String simulator = "http://127.0.0.1:8089/providers/alpha/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
        CircuitBreaker breaker = CircuitBreaker.of("bench", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(30).minimumNumberOfCalls(4).failureRateThreshold(50)
                .slowCallDurationThreshold(Duration.ofSeconds(2)).slowCallRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(15)).permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true).build());
        Retry retry = Retry.of("bench", RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(200)).build());

        Supplier<Integer> send = () -> send(simulator);
        Supplier<Integer> guarded = () -> breaker.executeSupplier(Retry.decorateSupplier(retry, send));
        System.out.printf("provider breaker overhead: %d sends to the simulator each way, alternating rounds of 100%n", calls);
        for (int i = 0; i < 200; i++) {
            send.get();
            guarded.get();
        }
        List<Long> bare = new ArrayList<>();
        List<Long> wrapped = new ArrayList<>();
        for (int done = 0; done < calls; done += 100) {
            time(send, 100, bare);
            time(guarded, 100, wrapped);
        }
        report("bare HTTP send", bare);
        report("breaker + retry", wrapped);
        System.out.printf("  difference of medians: %.1f µs%n", (median(wrapped) - median(bare)) / 1_000.0);

        Supplier<Integer> nothing = () -> 1;
        Supplier<Integer> guardedNothing = () -> breaker.executeSupplier(Retry.decorateSupplier(retry, nothing));
        for (int i = 0; i < 200_000; i++) {
            guardedNothing.get();
        }
        int rounds = 1_000_000;
        long start = System.nanoTime();
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            sum += guardedNothing.get();
        }
        double perCall = (System.nanoTime() - start) / (double) rounds;
        System.out.printf("  the wrappers alone, around a call that does nothing: %.2f µs per call (%d calls)%n", perCall / 1_000.0, sum);
        System.out.printf("  breaker state at the end: %s, failure rate %.1f %%%n", breaker.getState(), breaker.getMetrics().getFailureRate());
    }

    private static int send(String url) {
        String form = "To=" + URLEncoder.encode("+447700900999", StandardCharsets.UTF_8) + "&From=%2B15005550006&Body=bench";
        try {
            HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", AUTHORIZATION)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("the simulator answered " + response.statusCode() + "; is the stack up, provider alpha ok?");
            }
            return response.statusCode();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void time(Supplier<Integer> call, int times, List<Long> into) {
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            call.get();
            into.add(System.nanoTime() - start);
        }
    }

    private static void report(String name, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("  %-16s p50 %7.1f µs   p90 %7.1f µs   p99 %7.1f µs   mean %7.1f µs%n", name,
                sorted[sorted.length / 2] / 1_000.0, sorted[sorted.length * 9 / 10] / 1_000.0,
                sorted[sorted.length * 99 / 100] / 1_000.0, Arrays.stream(sorted).average().orElse(0) / 1_000.0);
    }

    private static double median(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).sorted().skip(nanos.size() / 2).findFirst().orElse(0);
    }
}
