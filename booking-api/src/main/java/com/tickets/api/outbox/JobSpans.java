package com.tickets.api.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Spans for the runs of background jobs (the hold sweeper, the waitlist's offer sweeper) that found work: each
 * is the root of a trace of its own and current on the job's thread while it works, so the outbox rows it writes
 * carry its {@code traceparent} ({@link Outbox.Entry} takes the current span's), and so do the Kafka records the
 * relay makes of them and the spans of their consumers.
 *
 * <p>Why not Quarkus's {@code quarkus.scheduler.tracing.enabled} or {@code @WithSpan} on the scheduled method: both
 * make a span per run, and the sweepers run every few seconds on every replica and nearly always find nothing.
 * A job starts its span here only once it knows it has something to do (its claim found rows), so an idle poll
 * makes none and every span a job makes is one that wrote something.
 */
@ApplicationScoped
public class JobSpans {

    private final Tracer tracer;

    JobSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** What a job does in its span; the span is handed in for attributes (how much it did). */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(Span span) throws E;
    }

    /**
     * Runs the work in a new root span (whatever is current: a job answers to no request), current on this thread
     * until the work returns; a failure is recorded on the span and thrown on.
     */
    public <T, E extends Exception> T run(String name, Work<T, E> work) throws E {
        Span span = tracer.spanBuilder(name).setNoParent().setSpanKind(SpanKind.INTERNAL).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.run(span);
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
