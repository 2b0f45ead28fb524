package com.tickets.notification;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test stand-in for a database that goes away between the send and the mark, for the next n marks.
 * Produced rather than a bean subclass: {@link Notifications} takes its dependencies in its
 * constructor, and a singleton needs no proxy.
 */
@Singleton
public class FlakyNotifications {

    static final AtomicInteger MARK_FAILURES_LEFT = new AtomicInteger();

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Notifications notifications(AgroalDataSource db, MeterRegistry registry) {
        return new Notifications(db, registry) {
            @Override
            public void markSent(Collection<UUID> eventIds) {
                if (MARK_FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IllegalStateException("simulated: the database went away after the send");
                }
                super.markSent(eventIds);
            }
        };
    }
}
