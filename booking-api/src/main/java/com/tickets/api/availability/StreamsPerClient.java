package com.tickets.api.availability;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many availability streams each client address holds open on this replica. An address at
 * {@link StreamConfig#maxStreamsPerClient()} gets no more until one of its streams closes. Counts live
 * in memory only: a stream is a connection to this replica, so there is nothing to share.
 */
@ApplicationScoped
public class StreamsPerClient {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final int max;

    StreamsPerClient(StreamConfig config) {
        this.max = config.maxStreamsPerClient();
    }

    /** A place for one more stream of this address, or null when it already holds the maximum. */
    public Place tryOpen(String address) {
        boolean[] granted = new boolean[1];
        open.compute(address, (a, n) -> {
            int current = n == null ? 0 : n;
            granted[0] = current < max;
            return granted[0] ? current + 1 : (n == null ? null : n);
        });
        return granted[0] ? new Place(address) : null;
    }

    public int openBy(String address) {
        return open.getOrDefault(address, 0);
    }

    /** One stream's place: released once, however many of close/end/failure report it. */
    public final class Place {
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Place(String address) {
            this.address = address;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
