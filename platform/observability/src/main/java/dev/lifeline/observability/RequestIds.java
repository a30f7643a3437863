package dev.lifeline.observability;

import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.regex.Pattern;

/**
 * The gateway's request id ({@code X-Request-Id}, the one a person can quote to support) in the log context
 * of everything a service does for the request ({@code requestId} in the JSON log lines, beside OpenTelemetry's
 * {@code traceId}) and on its span. Only ids of a harmless shape are taken: a log line never carries what a
 * client wrote unchecked.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String LOG_KEY = "requestId";
    static final String SPAN_ATTRIBUTE = "lifeline.request_id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @ServerRequestFilter(preMatching = true)
    public void remember(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id != null && ACCEPTABLE.matcher(id).matches()) {
            MDC.put(LOG_KEY, id);
            Span.current().setAttribute(SPAN_ATTRIBUTE, id);
        } else {
            MDC.remove(LOG_KEY);
        }
    }

    @ServerResponseFilter
    public void forget() {
        MDC.remove(LOG_KEY);
    }
}
