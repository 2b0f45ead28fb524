package com.tickets.notification;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test stand-in for an SMTP server that is down for the next n sends, and that takes
 * {@link #LATENCY_MILLIS} to answer each (without a thread waiting, as the real mailer does). It
 * keeps the most sends it ever had waiting for an answer at once.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FlakyMailSender extends MailSender {

    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    static final AtomicLong LATENCY_MILLIS = new AtomicLong();
    static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();

    @Override
    public Uni<Void> send(MailTemplateInstance mail) {
        return Uni.createFrom().deferred(() -> {
            if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return Uni.createFrom().failure(new IllegalStateException("simulated SMTP outage: connection refused"));
            }
            long latency = LATENCY_MILLIS.get();
            if (latency == 0) {
                return super.send(mail);
            }
            MAX_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(latency))
                    .onTermination().invoke(IN_FLIGHT::decrementAndGet)
                    .chain(() -> super.send(mail));
        });
    }
}
