package dev.lifeline.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one service and which of them takes the next request: each in turn among those
 * that are ready. Readiness is the instance's own {@code /q/health/ready}, asked every probe
 * interval; an instance that refuses a connection is out at once until its probe says it is back.
 * While no instance is known to be ready every one is still tried, since the probe may lag.
 */
final class Upstreams {

    /** One instance: where it listens and whether it was ready when last asked. */
    static final class Instance {
        final String service;
        final URI uri;
        final SocketAddress address;
        volatile boolean ready = true;

        Instance(String service, URI uri) {
            this.service = service;
            this.uri = uri;
            this.address = SocketAddress.inetSocketAddress(uri.getPort(), uri.getHost());
        }

        @Override
        public String toString() {
            return service + " at " + uri.getHost() + ":" + uri.getPort();
        }
    }

    private final List<Instance> instances;
    private final AtomicInteger next = new AtomicInteger();

    Upstreams(String service, List<URI> uris) {
        if (uris == null || uris.isEmpty()) {
            throw new IllegalStateException("lifeline.gateway.services." + service + " is not configured");
        }
        this.instances = uris.stream().map(uri -> new Instance(service, uri)).toList();
    }

    /** Every instance, the next in turn first, the ready ones before the others. */
    List<Instance> inTurn() {
        int start = Math.floorMod(next.getAndIncrement(), instances.size());
        List<Instance> ordered = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            ordered.add(instances.get((start + i) % instances.size()));
        }
        ordered.sort(Comparator.comparing(instance -> !instance.ready));
        return ordered;
    }

    /**
     * A connection to the first instance in {@code order} that accepts one. Nothing has been sent
     * when a connection is refused, so trying the next is safe for any request.
     */
    static Future<Connected> connect(HttpClient client, List<Instance> order, Duration idleTimeout) {
        return connect(client, order, 0, idleTimeout);
    }

    private static Future<Connected> connect(HttpClient client, List<Instance> order, int index, Duration idleTimeout) {
        Instance instance = order.get(index);
        return client.request(new RequestOptions().setServer(instance.address).setIdleTimeout(idleTimeout.toMillis()))
                .map(request -> new Connected(instance, request))
                .recover(failure -> {
                    instance.ready = false;
                    return index + 1 < order.size() ? connect(client, order, index + 1, idleTimeout) : Future.failedFuture(failure);
                });
    }

    record Connected(Instance instance, HttpClientRequest request) {
    }

    /** Asks every instance whether it is ready, every {@code interval}; returns the timer to cancel at shutdown. */
    long probe(Vertx vertx, HttpClient client, Duration interval) {
        return vertx.setPeriodic(interval.toMillis(), id -> instances.forEach(instance -> client
                .request(new RequestOptions().setServer(instance.address).setMethod(HttpMethod.GET)
                        .setURI("/q/health/ready").setTimeout(interval.toMillis()))
                .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
                .onComplete(status -> instance.ready = status.succeeded() && status.result() == 200)));
    }
}
