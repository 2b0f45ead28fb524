package com.tickets.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The W3C {@code traceparent} of a span, and the span a {@code traceparent} names: how a trace goes from
 * an HTTP request into the outbox rows it writes, from a Kafka record into what its consumer does, and
 * from there into the records and rows that consumer writes in turn. Every producer here writes the
 * header itself ({@code traceparent}, docs/events.md), so the trace of a record is the one of the work
 * that caused it, whichever thread ends up sending it (a batch writer, the outbox relay).
 */
public final class Traceparents {

    /** The Kafka header (and outbox column) that carries the trace, as W3C Trace Context names it. */
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private Traceparents() {
    }

    /** The traceparent of a span, or null when it is not a valid span (no trace at all). */
    public static String of(SpanContext span) {
        if (span == null || !span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The traceparent of the span current on this thread (an HTTP request's, say), or null when there is none. */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    /** The span a traceparent names, as a remote parent; an invalid span context for null or a malformed value. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return SpanContext.getInvalid();
        }
        return Span.fromContext(W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent.trim(), ONE_VALUE))
                .getSpanContext();
    }

    /** A context with the traceparent's span in it, to start child spans from; the root context for null or a malformed value. */
    public static Context context(String traceparent) {
        SpanContext span = parse(traceparent);
        return span.isValid() ? Context.root().with(Span.wrap(span)) : Context.root();
    }

    /**
     * Makes the traceparent's span current on this thread until the scope is closed, so that what is
     * written meanwhile (outbox rows) carries it. With no traceparent (null or malformed) nothing changes.
     */
    public static Scope makeCurrent(String traceparent) {
        SpanContext span = parse(traceparent);
        return span.isValid() ? Context.current().with(Span.wrap(span)).makeCurrent() : Scope.noop();
    }

    /**
     * The trace a Kafka record carries: the span SmallRye's incoming tracing started for it (a child of
     * the record's {@code traceparent} header) when the channel traces, otherwise the span the header
     * names; the root context when the record has neither. A batch channel's records each have their
     * own (SmallRye traces every record of a batch, and makes none of them current).
     */
    public static Context contextOf(Message<?> record) {
        Optional<Context> traced = TracingMetadata.fromMessage(record).map(TracingMetadata::getCurrentContext)
                .filter(c -> Span.fromContext(c).getSpanContext().isValid());
        if (traced.isPresent()) {
            return traced.get();
        }
        return context(header(record));
    }

    /** The traceparent of {@link #contextOf(Message) the record's trace}, to write on what its consumer produces; null without one. */
    public static String traceparentOf(Message<?> record) {
        return of(Span.fromContext(contextOf(record)).getSpanContext());
    }

    private static String header(Message<?> record) {
        @SuppressWarnings("rawtypes")
        Optional<IncomingKafkaRecordMetadata> metadata = record.getMetadata(IncomingKafkaRecordMetadata.class);
        if (metadata.isEmpty()) {
            return null;
        }
        Headers headers = metadata.get().getHeaders();
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
