package com.tickets.api.availability;

import com.tickets.api.concert.SoldOutTiers;
import com.tickets.events.AvailabilityData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Fans {@code inventory.events} out to this replica's SSE subscribers. Every replica consumes the
 * topic in a consumer group of its own, so a booking taken on any replica reaches every watcher.
 *
 * <p>Coalescing: events only update the latest value per tier and mark it dirty; the dirty tiers
 * are handed to the subscribers at most once per {@code availability.sse.flush-interval} (250 ms),
 * so a sold-out rush costs each client at most a few updates per second per tier, always ending on
 * the last value. The first change after a quiet spell goes out at once (a throttle, not a ticker:
 * a lone change does not wait for the next tick), later ones at the end of the interval. A tick encodes each changed tier once ({@link SseFrame}) and hands every event
 * loop its own subscribers in one task, so the cost per watcher is a socket write.
 */
@ApplicationScoped
public class AvailabilityFeed {

    private static final Logger LOG = Logger.getLogger(AvailabilityFeed.class);

    private final Map<UUID, Availability> latest = new ConcurrentHashMap<>();
    private final Set<UUID> dirty = ConcurrentHashMap.newKeySet();
    /** By event loop: a tick hands each loop its subscribers' frames in one task. */
    private final Map<Context, Set<SseSubscriber>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger subscriberCount = new AtomicInteger();
    private final Vertx vertx;
    private final SoldOutTiers soldOut;
    private final long flushIntervalNanos;
    private final Duration heartbeatInterval;
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private volatile long lastFlushNanos;
    private long heartbeatTimer = -1;

    AvailabilityFeed(Vertx vertx, MeterRegistry registry, StreamConfig config, SoldOutTiers soldOut) {
        this.vertx = vertx;
        this.soldOut = soldOut;
        this.flushIntervalNanos = config.flushInterval().toNanos();
        this.lastFlushNanos = System.nanoTime() - flushIntervalNanos;
        this.heartbeatInterval = config.heartbeatInterval();
        registry.gauge("availability.sse.subscribers", subscriberCount);
    }

    void start(@Observes StartupEvent startup) {
        heartbeatTimer = vertx.setPeriodic(heartbeatInterval.toMillis(), id -> onEachLoop(SseSubscriber::heartbeat));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(heartbeatTimer);
        onEachLoop(SseSubscriber::close);
    }

    @Incoming("inventory-events")
    public void onInventoryEvent(String json) {
        EventEnvelope event;
        try {
            event = EventJson.read(json);
        } catch (RuntimeException e) {
            LOG.warnf("ignoring unreadable inventory event: %s", e.getMessage());
            return;
        }
        if (!EventTypes.AVAILABILITY_CHANGED.equals(event.type())) {
            return;
        }
        AvailabilityData data = EventJson.data(event, AvailabilityData.class);
        if (data.availableQuantity() > 0) {
            soldOut.available(data.ticketTierId(), event.occurredAt());
        }
        latest.put(data.ticketTierId(), new Availability(data.concertId(), data.ticketTierId(), data.availableQuantity(),
                event.occurredAt()));
        dirty.add(data.ticketTierId());
        scheduleFlush();
    }

    /** A flush after this call is certain: either one is pending (it has not read the dirty set yet) or this one is. */
    private void scheduleFlush() {
        if (flushPending.compareAndSet(false, true)) {
            long wait = lastFlushNanos + flushIntervalNanos - System.nanoTime();
            if (wait <= 0) {
                vertx.runOnContext(v -> flush());
            } else {
                vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), id -> flush());
            }
        }
    }

    void flush() {
        lastFlushNanos = System.nanoTime();
        flushPending.set(false); // before reading the dirty set: a change marked from here on schedules the next flush
        if (dirty.isEmpty()) {
            return;
        }
        List<SseFrame> frames = new ArrayList<>();
        for (UUID tier : dirty.toArray(UUID[]::new)) {
            dirty.remove(tier);
            frames.add(SseFrame.availability(latest.get(tier)));
        }
        List<SseFrame> tick = List.copyOf(frames);
        onEachLoop(s -> s.offer(tick));
    }

    private void onEachLoop(Consumer<SseSubscriber> action) {
        subscribers.forEach((loop, group) -> loop.runOnContext(v -> group.forEach(action)));
    }

    /** The last change this replica saw for a tier (since it started), or null. */
    Availability latest(UUID tier) {
        return latest.get(tier);
    }

    public void subscribe(SseSubscriber subscriber) {
        if (subscribers.computeIfAbsent(subscriber.context(), loop -> ConcurrentHashMap.newKeySet()).add(subscriber)) {
            subscriberCount.incrementAndGet();
        }
    }

    public void unsubscribe(SseSubscriber subscriber) {
        Set<SseSubscriber> group = subscribers.get(subscriber.context());
        if (group != null && group.remove(subscriber)) {
            subscriberCount.decrementAndGet();
        }
    }

    public int subscriberCount() {
        return subscriberCount.get();
    }
}
