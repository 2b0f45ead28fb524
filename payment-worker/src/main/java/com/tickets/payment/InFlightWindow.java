package com.tickets.payment;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Takes items from upstream and handles up to {@code bound} at once, each with an asynchronous
 * handler; items with the same key one at a time, in the order they came.
 *
 * <p>Back-pressure is the Reactive Streams demand: {@code bound} items are requested at first and
 * one more each time one is finished, so no more than {@code bound} are ever taken and not yet
 * finished (the Kafka connector pauses its consumer while nothing is requested). An item whose key
 * is busy waits in that key's lane; it counts against the bound like the others, so the lanes
 * hold fewer than {@code bound} items in all.
 *
 * <p>The handler is called on whatever thread delivers the item or finishes the one before it
 * (often an event loop): it must not block, and its {@code Uni} must settle (it may fail; the
 * failure is logged and the item counted as finished).
 */
final class InFlightWindow<T> implements Flow.Subscriber<T> {

    private static final Logger LOG = Logger.getLogger(InFlightWindow.class);

    private final int bound;
    private final Function<T, String> keyOf;
    private final Function<T, Uni<Void>> handler;
    /** Keys with an item being handled, and the items of that key waiting behind it. Guarded by itself. */
    private final Map<String, ArrayDeque<T>> lanes = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Flow.Subscription upstream;

    InFlightWindow(int bound, Function<T, String> keyOf, Function<T, Uni<Void>> handler) {
        if (bound < 1) {
            throw new IllegalArgumentException("the in-flight bound must be at least 1, was " + bound);
        }
        this.bound = bound;
        this.keyOf = keyOf;
        this.handler = handler;
    }

    /** Items taken and not yet finished (handled or waiting in their key's lane). */
    int inFlight() {
        return inFlight.get();
    }

    /** The most items in flight at once since the last {@link #resetMostInFlight()}. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    void resetMostInFlight() {
        mostInFlight.set(inFlight.get());
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        if (upstream != null) {
            subscription.cancel();
            return;
        }
        upstream = subscription;
        subscription.request(bound);
    }

    @Override
    public void onNext(T item) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        String key = keyOrNull(item);
        if (key != null) {
            synchronized (lanes) {
                ArrayDeque<T> lane = lanes.get(key);
                if (lane != null) {
                    lane.add(item); // its key is busy: after the items before it
                    return;
                }
                lanes.put(key, new ArrayDeque<>());
            }
        }
        handle(key, item);
    }

    private void handle(String key, T item) {
        Uni<Void> handling;
        try {
            handling = Objects.requireNonNull(handler.apply(item), "handler returned null");
        } catch (RuntimeException e) {
            handling = Uni.createFrom().failure(e);
        }
        handling.subscribe().with(done -> finished(key), failure -> {
            LOG.errorf(failure, "handling a record failed unexpectedly");
            finished(key);
        });
    }

    private void finished(String key) {
        T next = null;
        if (key != null) {
            synchronized (lanes) {
                ArrayDeque<T> lane = lanes.get(key);
                next = lane.poll();
                if (next == null) {
                    lanes.remove(key);
                }
            }
        }
        inFlight.decrementAndGet();
        upstream.request(1);
        if (next != null) {
            handle(key, next);
        }
    }

    private String keyOrNull(T item) {
        try {
            return keyOf.apply(item);
        } catch (RuntimeException e) {
            return null; // no key: handled without waiting for anything
        }
    }

    @Override
    public void onError(Throwable failure) {
        LOG.errorf(failure, "the stream of records failed; %d records were in flight", inFlight.get());
    }

    @Override
    public void onComplete() {
        LOG.debugf("the stream of records ended; %d records were in flight", inFlight.get());
    }
}
