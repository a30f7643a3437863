package dev.lifeline.tools.drill;

import dev.lifeline.devstack.sms.SimulatorClient;
import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.Topic;
import dev.lifeline.tools.Http;
import dev.lifeline.tools.kafka.TopicRecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./lifeline drill faults}, on a stack started with {@code --brokers 3 --replicas 2}: people
 * keep signing up, setting up SMS, signing in by text and asking for recovery through the gateway
 * while one broker, one instance of each service and PostgreSQL are killed and brought back, one
 * after another, and at the end every broker is down for a minute. Then it reconciles what was
 * acknowledged, with a plain Kafka client, the SMS simulator and the mailboxes: each sign-up's event
 * on the log once, each text asked for sent once, each ticket there and its owner told once, and
 * which event ids a relay killed mid-pass wrote to the log twice (consumers drop repeats). It prints
 * the requests, the errors with when they happened, what came late, and what was lost or duplicated;
 * it fails on a loss, a duplicate, or errors beyond 1 % of the requests (people shown an error while
 * a part was down). A text or email that had not come when a person stopped waiting is late, not an
 * error, as long as it comes (or the sign-in step reports the text FAILED) by the end.
 */
final class FaultsDrill extends Drill {

    private static final int PEOPLE_AT_ONCE = 3;
    private static final String TICKET_EMAIL = "A recovery of your Lifeline account was requested";

    /** What the system said it did for one person, to be found again afterwards. */
    private record Journey(DrillPerson person, String accountId, int textsAskedFor, String ticketId, String trackingCode) {
    }

    private record Failure(double at, String what) {
    }

    /** Something promised that had not come when the person stopped waiting, asked about again at the end. */
    private record Late(double at, String who, DrillFailure.NotYetArrived what) {
    }

    /** Requests people send through the gateway (the requests of reconciling are not theirs); errors may be at most 1 % of them. */
    private static final double ERRORS_ALLOWED = 0.01;

    private final Path root = Path.of(System.getProperty("lifeline.root", ".")).toAbsolutePath();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger phones = new AtomicInteger(Math.floorMod(UUID.randomUUID().hashCode(), 500));
    private final ConcurrentLinkedQueue<Journey> done = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Late> late = new ConcurrentLinkedQueue<>();
    private final long started = System.nanoTime();

    public static void main(String[] args) {
        play(new FaultsDrill());
    }

    @Override
    protected void run() {
        requireReplicatedStack();
        System.out.println("faults drill against " + stack.gateway + ", " + PEOPLE_AT_ONCE + " people at a time");
        List<Thread> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE_AT_ONCE; i++) {
            Thread person = new Thread(this::keepComing, "person-" + i);
            person.start();
            people.add(person);
        }
        LocalStack.sleep(15_000);
        for (String part : List.of("broker-2", "auth-service-1", "otp-service-1", "backup-code-service-1", "ticket-service-1")) {
            outage(List.of(part), 10_000);
        }
        outage(List.of("postgres"), 3_000);
        outage(List.of("broker-1", "broker-2", "broker-3"), 60_000);
        LocalStack.sleep(15_000);
        running.set(false);
        people.forEach(FaultsDrill::join);
        int requests = stack.gatewayRequests();
        double errorShare = (double) failures.size() / Math.max(1, requests);
        step(errorShare <= ERRORS_ALLOWED ? "✔" : "✘", String.format("%,d requests through the gateway, %d journeys completed, "
                + "%d answered with an error (%.1f %%, %.0f %% allowed)", requests, done.size(), failures.size(), errorShare * 100,
                ERRORS_ALLOWED * 100));
        failures.forEach(failure -> System.out.printf("           %5.1f s  %s%n", failure.at(), failure.what()));
        List<String> neverCame = reconcileLate();
        reconcile(neverCame);
        if (errorShare > ERRORS_ALLOWED) {
            throw new DrillFailure(failures.size() + " errors in " + requests + " requests: more than " + ERRORS_ALLOWED * 100 + " %");
        }
    }

    /**
     * What people stopped waiting for (texts and emails held in an outbox while no broker was up)
     * must have come by now: late, not lost.
     */
    private List<String> reconcileLate() {
        List<String> neverCame = new ArrayList<>();
        for (Late item : late) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            boolean arrived = item.what().arrived();
            while (!arrived && System.nanoTime() < deadline) {
                LocalStack.sleep(1_000);
                arrived = item.what().arrived();
            }
            if (!arrived) {
                neverCame.add(item.who() + ": " + item.what().getMessage() + ", and never came");
            }
        }
        step(neverCame.isEmpty() ? "✔" : "✘", late.size() + " texts and emails people stopped waiting for"
                + (late.isEmpty() ? "" : neverCame.isEmpty() ? ", each arrived later" : "; never came: " + neverCame.size()));
        late.forEach(item -> System.out.printf("           %5.1f s  %s: %s%n", item.at(), item.who(), item.what().getMessage()));
        return neverCame;
    }

    /** Kills the parts, waits, starts them again (the runner waits until each is ready). */
    private void outage(List<String> parts, long millis) {
        runner("kill", parts);
        step("✘", "killed " + String.join(", ", parts) + " for " + millis / 1000 + " s");
        LocalStack.sleep(millis);
        runner("start", parts);
        step("✔", String.join(", ", parts) + " back");
        LocalStack.sleep(5_000);
    }

    private void keepComing() {
        while (running.get()) {
            int n = phones.getAndIncrement();
            DrillPerson person = new DrillPerson(stack, String.format("+447700900%03d", n % 1000));
            // each person on a network of their own: the recovery desk limits requests per address
            person.from = "198.18." + (n / 250 % 250) + "." + (n % 250 + 1);
            try {
                done.add(journey(person));
            } catch (DrillFailure.NotYetArrived e) {
                late.add(new Late(seconds(started), person.username, e));
            } catch (DrillFailure | IllegalStateException e) {
                failures.add(new Failure(seconds(started), person.username + ": " + e.getMessage()));
                LocalStack.sleep(1_000);
            }
        }
    }

    /** Sign-up, email confirmed, SMS set up, a sign-in by text, a recovery request: 9 requests. */
    private Journey journey(DrillPerson person) {
        person.signUpWithSmsTwoFactor();
        String challenge = DrillPerson.expect(200, person.password(), "sign-in").body().path("challenge").path("id").asText();
        DrillPerson.expect(202, person.askForText(challenge), "asking for a sign-in text");
        SimulatorClient.Text text = person.nextText(30_000);
        if (text == null) {
            // it comes later, or otp-service gives up on it and the sign-in step says so
            DrillFailure.NotYetArrived texted = person.notYetTexted("the sign-in text did not come within 30 s");
            throw new DrillFailure.NotYetArrived(texted.getMessage(), () -> texted.arrived() || "FAILED".equals(stack.call("GET",
                    "/api/login/challenges/" + challenge, null, null, person.from).body().path("lastText").path("status").asText()));
        }
        DrillPerson.expect(200, person.answer(challenge, "sms", text.code().orElseThrow()), "signing in with the text's code");
        Http.Answer ticket = DrillPerson.expect(202, stack.call("POST", "/api/recovery-tickets", Map.of("username", person.username,
                "contactEmail", "contact-" + person.username + "@example.org", "details", "Fault drill: lost my phone."), null, person.from),
                "asking for recovery");
        return new Journey(person, person.accountId, 2, ticket.text("ticketId"), ticket.text("trackingCode"));
    }

    private void reconcile(List<String> neverCame) {
        Map<String, Integer> resent = new HashMap<>();
        Map<String, List<EventEnvelope>> byTopic = new HashMap<>();
        for (Topic topic : Topic.ALL) {
            Map<UUID, Integer> seen = new HashMap<>();
            List<EventEnvelope> events = new ArrayList<>();
            for (TopicRecords.Record record : TopicRecords.readAll(topic.name(), TopicRecords.localBrokers())) {
                EventEnvelope event = EventJson.decode(record.value());
                events.add(event);
                seen.merge(event.eventId(), 1, Integer::sum);
            }
            byTopic.put(topic.name(), events);
            long twice = seen.values().stream().filter(count -> count > 1).count();
            if (twice > 0) {
                resent.put(topic.name(), (int) twice);
            }
        }
        // An outbox relay killed after Kafka took an event but before its row was marked sent sends it
        // again from another instance: the same id twice on the log, which every consumer drops
        // (applied-events). What people would notice is counted below, effect by effect.
        step("✔", "events read back from every topic: " + byTopic.values().stream().mapToInt(List::size).sum()
                + (resent.isEmpty() ? ", each event id once" : "; ids on the log twice (a relay killed mid-pass re-sent them; "
                + "consumers drop repeats): " + resent));

        List<String> lost = new ArrayList<>(neverCame);
        List<String> twice = new ArrayList<>();
        for (Journey journey : done) {
            String who = journey.person().username;
            long registered = byTopic.get(Topic.ACCOUNT_SECURITY_EVENTS.name()).stream()
                    .filter(event -> event.type().equals("account.registered") && event.aggregateId().equals(journey.accountId()))
                    .map(EventEnvelope::eventId).distinct().count();
            if (registered == 0) {
                lost.add(who + ": no account.registered event");
            } else if (registered > 1) {
                twice.add(who + ": account.registered " + registered + " times");
            }
            int texts = stack.textsTo(journey.person().phone) - journey.person().textsBefore;
            if (texts < journey.textsAskedFor()) {
                lost.add(who + ": " + texts + " texts of " + journey.textsAskedFor());
            } else if (texts > journey.textsAskedFor()) {
                twice.add(who + ": " + texts + " texts for " + journey.textsAskedFor() + " asked");
            }
            Http.Answer ticket = stack.call("GET", "/api/recovery-tickets/" + journey.ticketId() + "?trackingCode=" + journey.trackingCode(),
                    null, null);
            if (ticket.status() != 200) {
                lost.add(who + ": ticket " + journey.ticketId() + " answers " + ticket.status());
            }
            long told = awaitOwnerEmails(who + "@example.org");
            if (told == 0) {
                lost.add(who + ": never told of the recovery request");
            } else if (told > 1) {
                twice.add(who + ": told " + told + " times of one recovery request");
            }
        }
        step(lost.isEmpty() ? "✔" : "✘", "lost: " + (lost.isEmpty() ? "nothing" : lost));
        step(twice.isEmpty() ? "✔" : "✘", "duplicated: " + (twice.isEmpty() ? "nothing" : twice));
        if (!lost.isEmpty() || !twice.isEmpty()) {
            throw new DrillFailure(lost.size() + " lost, " + twice.size() + " duplicated");
        }
    }

    /** The owner's "recovery requested" emails, given the email sender half a minute to catch up. */
    private long awaitOwnerEmails(String owner) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long count = 0;
        while (System.nanoTime() < deadline) {
            count = 0;
            for (var mail : stack.mailTo(owner)) {
                if (TICKET_EMAIL.equals(mail.subject())) {
                    count++;
                }
            }
            if (count > 0) {
                return count;
            }
            LocalStack.sleep(500);
        }
        return count;
    }

    private void requireReplicatedStack() {
        try {
            List<String> shape = Files.readAllLines(root.resolve(".lifeline/shape"));
            if (!shape.contains("BROKERS=3") || Collections.disjoint(shape, List.of("REPLICAS=2", "REPLICAS=3"))) {
                throw new DrillFailure("this drill needs ./lifeline up --detach --brokers 3 --replicas 2 (running: " + shape + ")");
            }
        } catch (IOException e) {
            throw new DrillFailure("no running stack: ./lifeline up --detach --brokers 3 --replicas 2");
        }
    }

    /** {@code ./lifeline kill|start PARTS...}, as ops would type it. */
    private void runner(String command, List<String> parts) {
        List<String> line = new ArrayList<>(List.of(root.resolve("lifeline").toString(), command));
        line.addAll(parts);
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new DrillFailure("./lifeline " + command + " " + String.join(" ", parts) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new DrillFailure("cannot run ./lifeline " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrillFailure("interrupted");
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
