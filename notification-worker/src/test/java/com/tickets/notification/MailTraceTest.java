package com.tickets.notification;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.infra.TestTopics;
import com.tickets.observability.Traceparents;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mail a booking event calls for is sent in a span of the booking's trace, a child of the event's record. */
@QuarkusTest
class MailTraceTest {

    @Inject
    RecentSpans spans;

    @Inject
    MockMailbox mailbox;

    @Test
    void aConfirmationMailIsSentInTheTraceOfItsEvent() {
        String trace = UUID.randomUUID().toString().replace("-", "");
        String relayed = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String email = "traced-" + UUID.randomUUID() + "@example.com";
        EventEnvelope confirmed = TestEvents.booking("BookingConfirmed", email, 1);
        TestTopics.send("booking.events", confirmed.aggregateId(), EventJson.write(confirmed),
                Map.of(Traceparents.HEADER, "00-" + trace + "-" + relayed + "-01"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.getMailsSentTo(email).size() == 1);
        SpanData sent = await().atMost(Duration.ofSeconds(10)).until(() -> spans.inTrace(trace).stream()
                .filter(s -> s.getName().equals("send confirmation mail")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(sent.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(sent.getAttributes().asMap().toString()).contains(confirmed.id().toString());
        SpanData received = spans.inTrace(trace).stream().filter(s -> s.getSpanId().equals(sent.getParentSpanId()))
                .findFirst().orElseThrow();
        assertThat(received.getKind()).as("SmallRye's span for the record").isEqualTo(SpanKind.CONSUMER);
        assertThat(received.getParentSpanId()).isEqualTo(relayed);
    }
}
