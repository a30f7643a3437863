package dev.lifeline.gateway;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * When an instance fails a request: a request that cannot have changed anything (GET, HEAD, OPTIONS,
 * DELETE without a body: idempotent, nothing to resend) is asked again of another instance; anything
 * else, or a second failure, becomes a problem the client can act on: 503 when nothing answers at
 * the service's addresses, 504 when it stops answering, 502 otherwise. (A refused connection is
 * already tried on the next instance when connecting: nothing was sent.)
 */
final class UpstreamFailures implements ProxyInterceptor {

    /** The context key of the instance a request was sent to. */
    static final String INSTANCE = "lifeline.instance";
    private static final Logger LOG = Logger.getLogger(UpstreamFailures.class);
    private static final Set<HttpMethod> REPEATABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.DELETE);
    /** Hop-by-hop headers: they describe one connection, not the message. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "upgrade", "proxy-authorization", "proxy-authenticate", "content-length");

    private final String service;
    private final Upstreams instances;
    private final Duration timeout;

    UpstreamFailures(String service, Upstreams instances, Duration timeout) {
        this.service = service;
        this.instances = instances;
        this.timeout = timeout;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> {
            Upstreams.Instance failed = context.get(INSTANCE, Upstreams.Instance.class);
            if (failed != null && repeatable(context.request()) && !timedOut(failure)) {
                List<Upstreams.Instance> others = instances.inTurn().stream().filter(instance -> instance != failed).toList();
                if (!others.isEmpty()) {
                    LOG.infof("%s %s: %s failed (%s); asking another instance", context.request().getMethod(),
                            context.request().getURI(), failed, failure.toString());
                    return resend(context, others).recover(again -> Future.succeededFuture(problem(context, again)));
                }
            }
            return Future.succeededFuture(problem(context, failure));
        });
    }

    private static boolean repeatable(ProxyRequest request) {
        if (!REPEATABLE.contains(request.getMethod())) {
            return false;
        }
        String length = request.headers().get(HttpHeaders.CONTENT_LENGTH);
        return (length == null || "0".equals(length)) && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** The same request, without a body, to the next instance that takes a connection; its answer passed on whole. */
    private Future<ProxyResponse> resend(ProxyContext context, List<Upstreams.Instance> others) {
        ProxyRequest original = context.request();
        return Upstreams.connect(context.client(), others, timeout).compose(connected -> {
            connected.request().setMethod(original.getMethod()).setURI(original.getURI());
            copy(original.headers(), connected.request().headers());
            return connected.request().send().compose(response -> response.body().map(body -> {
                ProxyResponse answer = original.release().response().setStatusCode(response.statusCode())
                        .setStatusMessage(response.statusMessage());
                copy(response.headers(), answer.headers());
                return answer.setBody(Body.body(body));
            }));
        });
    }

    private static void copy(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    private ProxyResponse problem(ProxyContext context, Throwable failure) {
        EdgeProblem problem = problemFor(failure);
        LOG.warnf("%s %s: %s is unavailable (%s)", context.request().getMethod(), context.request().getURI(),
                service, failure.toString());
        ProxyResponse response = context.request().release().response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, EdgeProblem.MEDIA_TYPE)
                .setBody(Body.body(problem.body()));
        if (problem.status() == 503) {
            response.putHeader(HttpHeaders.RETRY_AFTER, "5");
        }
        return response;
    }

    /** An instance that went silent may still be working on the request: it is not asked again elsewhere. */
    private static boolean timedOut(Throwable failure) {
        return failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout");
    }

    private EdgeProblem problemFor(Throwable failure) {
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException) {
            return new EdgeProblem(503, "service_unavailable", "Service Unavailable",
                    "The " + service + " service is not reachable right now; try again shortly.");
        }
        if (timedOut(failure)) {
            return new EdgeProblem(504, "gateway_timeout", "Gateway Timeout",
                    "The " + service + " service did not answer in time.");
        }
        return new EdgeProblem(502, "bad_gateway", "Bad Gateway",
                "The " + service + " service gave no usable answer.");
    }
}
