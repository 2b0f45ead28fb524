package com.tickets.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TraceparentsTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    @Test
    void aTraceparentReadsBackAsTheSpanItNames() {
        SpanContext span = Traceparents.parse(PARENT);
        assertThat(span.isValid()).isTrue();
        assertThat(span.isRemote()).isTrue();
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.isSampled()).isTrue();
        assertThat(Traceparents.of(span)).isEqualTo(PARENT);
    }

    @Test
    void nothingOrGarbageIsNoTrace() {
        for (String bad : new String[] {null, "", "  ", "00-xyz", "00-" + TRACE + "-0000000000000000-01", "not a header"}) {
            assertThat(Traceparents.parse(bad).isValid()).as(String.valueOf(bad)).isFalse();
            assertThat(Traceparents.context(bad)).as(String.valueOf(bad)).isSameAs(Context.root());
        }
        assertThat(Traceparents.of(SpanContext.getInvalid())).isNull();
        assertThat(Traceparents.of(null)).isNull();
        assertThat(Traceparents.current()).isNull(); // no span on this thread
    }

    @Test
    void aTraceparentMadeCurrentIsWhatCurrentAnswersUntilItsScopeCloses() {
        try (Scope ignored = Traceparents.makeCurrent(PARENT)) {
            assertThat(Traceparents.current()).isEqualTo(PARENT);
            try (Scope none = Traceparents.makeCurrent(null)) {
                assertThat(Traceparents.current()).as("no traceparent changes nothing").isEqualTo(PARENT);
            }
        }
        assertThat(Traceparents.current()).isNull();
    }

    @Test
    void aRecordsTraceIsItsHeaderUnlessSmallRyeTracedIt() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("booking.events", 0, 7, "key", "{}");
        record.headers().add(Traceparents.HEADER, PARENT.getBytes(StandardCharsets.UTF_8));
        Message<String> fromHeader = Message.of("{}", Metadata.of(new IncomingKafkaRecordMetadata<>(record, "booking-events")));
        assertThat(Traceparents.traceparentOf(fromHeader)).isEqualTo(PARENT);

        SpanContext received = SpanContext.create(TRACE, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
        Message<String> traced = fromHeader.addMetadata(TracingMetadata.withCurrent(Context.root().with(Span.wrap(received))));
        assertThat(Traceparents.traceparentOf(traced)).isEqualTo("00-" + TRACE + "-b7ad6b7169203331-01");

        ConsumerRecord<String, String> bare = new ConsumerRecord<>("booking.events", 0, 8, "key", "{}");
        Message<String> untraced = Message.of("{}", Metadata.of(new IncomingKafkaRecordMetadata<>(bare, "booking-events")));
        assertThat(Traceparents.traceparentOf(untraced)).isNull();
        assertThat(Traceparents.traceparentOf(Message.of("not from Kafka"))).isNull();
    }
}
