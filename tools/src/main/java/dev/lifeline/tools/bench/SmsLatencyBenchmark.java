package dev.lifeline.tools.bench;

import dev.lifeline.tools.Http;
import dev.lifeline.tools.drill.DrillPerson;
import dev.lifeline.devstack.sms.SimulatorClient;
import dev.lifeline.tools.drill.LocalStack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * From a request for an SMS code ({@code POST /api/login/challenges/{id}/sms} through the gateway)
 * to the SMS simulator accepting the provider's call for it: auth-service's outbox, the relay,
 * Kafka, otp-service's consumer and its provider call with breakers, at a steady rate of requests.
 * The simulator's own delivery delay comes after acceptance and is not counted. People are set up
 * first with SMS two-factor (each phone may get 5 texts an hour, the enrollment text one of them),
 * and their password steps done before the clock starts, so the rate is of SMS requests alone.
 *
 * <pre>./lifeline bench sms [requests per second] [seconds]</pre>
 */
public final class SmsLatencyBenchmark {

    private record Sample(String phone, int nth, Instant asked) {
    }

    private SmsLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        LocalStack stack = new LocalStack("http://127.0.0.1:8080", "http://127.0.0.1:8089");
        int requests = rate * seconds;
        int people = (requests + 3) / 4;
        System.out.printf("SMS request → provider call: %d requests/s for %d s, %d people with SMS two-factor%n", rate, seconds, people);

        // distinct fictional numbers (+1 NPA 555-01xx), a hundred per area code
        int run = (int) (System.currentTimeMillis() / 1000 % 50);
        List<DrillPerson> everyone = Collections.synchronizedList(new ArrayList<>());
        ExecutorService setUp = Executors.newFixedThreadPool(4);
        for (int i = 0; i < people; i++) {
            String phone = String.format("+1%d55501%02d", 700 + run * 2 + i / 100, i % 100);
            setUp.submit(() -> {
                DrillPerson person = new DrillPerson(stack, phone);
                person.signUpWithSmsTwoFactor();
                everyone.add(person);
            });
        }
        setUp.shutdown();
        setUp.awaitTermination(10, TimeUnit.MINUTES);
        if (everyone.size() < people) {
            throw new IllegalStateException("only " + everyone.size() + " of " + people + " people could be set up");
        }

        // the password steps first (each an Argon2id run), so that what runs at the rate is the SMS path alone
        record Prepared(DrillPerson person, String challenge) {
        }
        List<Prepared> prepared = Collections.synchronizedList(new ArrayList<>());
        ExecutorService signIns = Executors.newFixedThreadPool(4);
        for (int n = 0; n < requests; n++) {
            DrillPerson person = everyone.get(n % everyone.size());
            signIns.submit(() -> {
                Http.Answer signIn = person.password();
                String challenge = signIn.body() == null ? null : signIn.body().path("challenge").path("id").asText(null);
                if (challenge == null) {
                    throw new IllegalStateException("sign-in answered " + signIn.status() + " " + signIn.body());
                }
                prepared.add(new Prepared(person, challenge));
            });
        }
        signIns.shutdown();
        signIns.awaitTermination(10, TimeUnit.MINUTES);

        Map<String, AtomicInteger> textsPerPhone = new ConcurrentHashMap<>();
        everyone.forEach(person -> textsPerPhone.put(person.phone, new AtomicInteger(1)));
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        ExecutorService askers = Executors.newFixedThreadPool(16);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        ticks.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= prepared.size()) {
                return;
            }
            Prepared request = prepared.get(n);
            askers.submit(() -> {
                Instant asked = Instant.now();
                Http.Answer text = request.person().askForText(request.challenge());
                if (text.status() / 100 != 2) {
                    refusals.add("text " + text.status() + " " + text.text("code"));
                    return;
                }
                samples.add(new Sample(request.person().phone, textsPerPhone.get(request.person().phone).incrementAndGet(), asked));
            });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        while (next.get() < requests) {
            Thread.sleep(100);
        }
        ticks.shutdown();
        askers.shutdown();
        askers.awaitTermination(1, TimeUnit.MINUTES);
        Thread.sleep(3000);

        List<Long> millis = new ArrayList<>();
        int missing = 0;
        Map<String, List<SimulatorClient.Text>> messages = new ConcurrentHashMap<>();
        for (Sample sample : samples) {
            List<SimulatorClient.Text> received = messages.computeIfAbsent(sample.phone(), stack::texts);
            if (received.size() < sample.nth()) {
                missing++;
                continue;
            }
            Instant accepted = received.get(sample.nth() - 1).acceptedAt();
            millis.add(Math.max(0, accepted.toEpochMilli() - sample.asked().toEpochMilli()));
        }
        Collections.sort(millis);
        System.out.printf("%d texts asked for, %d reached the simulator, %d missing, %d refused %s%n",
                samples.size(), millis.size(), missing, refusals.size(), refusals.isEmpty() ? "" : refusals.stream().distinct().toList());
        if (!millis.isEmpty()) {
            System.out.printf("request → provider call: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (aim: p99 ≤ 100 ms)%n",
                    percentile(millis, 0.50), percentile(millis, 0.95), percentile(millis, 0.99), millis.get(millis.size() - 1));
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * p) - 1));
    }
}
