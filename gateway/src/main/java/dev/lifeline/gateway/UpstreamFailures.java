package dev.lifeline.gateway;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Turns a service that cannot be reached into a problem the client can act on: 503 when nothing
 * answers at the service's address, 504 when it stops answering, 502 otherwise. Without this the
 * proxy would answer an empty 502.
 */
final class UpstreamFailures implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UpstreamFailures.class);
    private final String service;

    UpstreamFailures(String service) {
        this.service = service;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> {
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
            return Future.succeededFuture(response);
        });
    }

    private EdgeProblem problemFor(Throwable failure) {
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException) {
            return new EdgeProblem(503, "service_unavailable", "Service Unavailable",
                    "The " + service + " service is not reachable right now; try again shortly.");
        }
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return new EdgeProblem(504, "gateway_timeout", "Gateway Timeout",
                    "The " + service + " service did not answer in time.");
        }
        return new EdgeProblem(502, "bad_gateway", "Bad Gateway",
                "The " + service + " service gave no usable answer.");
    }
}
