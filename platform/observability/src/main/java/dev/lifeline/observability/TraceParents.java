package dev.lifeline.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C {@code traceparent} of what is being done now (a request, an event being applied), so that work
 * done later on its behalf (an event the relay sends from the outbox after the commit) joins the same trace.
 */
public final class TraceParents {

    /** The header (and Kafka record header) name of the W3C Trace Context. */
    public static final String HEADER = "traceparent";

    private TraceParents() {
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null when nothing is being traced. */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
