package dev.lifeline.tickets.domain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The recovery queue on /q/metrics, for the alerts ops set during an outage (tickets pile up when
 * people are locked out): {@code lifeline_recovery_tickets{state=open|claimed|on_hold|overdue}}.
 */
@ApplicationScoped
public class QueueMetrics {

    private final TicketViews views;
    private final AtomicReference<TicketViews.QueueDepth> depth = new AtomicReference<>(new TicketViews.QueueDepth(0, 0, 0, 0));

    public QueueMetrics(TicketViews views, MeterRegistry meters) {
        this.views = views;
        Gauge.builder("lifeline.recovery.tickets", depth, d -> d.get().open()).tag("state", "open").strongReference(true).register(meters);
        Gauge.builder("lifeline.recovery.tickets", depth, d -> d.get().claimed()).tag("state", "claimed").strongReference(true).register(meters);
        Gauge.builder("lifeline.recovery.tickets", depth, d -> d.get().onHold()).tag("state", "on_hold").strongReference(true).register(meters);
        Gauge.builder("lifeline.recovery.tickets", depth, d -> d.get().overdue()).tag("state", "overdue").strongReference(true).register(meters);
    }

    void start(@Observes StartupEvent event) {
        measure();
    }

    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        depth.set(views.depth());
    }
}
