package com.tickets.payment;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The window on its own: how many at once, what it asks upstream for, one key at a time and in order. */
class InFlightWindowTest {

    record Item(String key, int seq) {
    }

    @Test
    void handlesUpToTheBoundAtOnceAsksUpstreamForNoMoreAndKeepsEachKeyInOrder() throws Exception {
        int bound = 8;
        int keys = 30;
        int perKey = 5;
        List<Item> items = new ArrayList<>();
        for (int seq = 0; seq < perKey; seq++) {
            for (int k = 0; k < keys; k++) {
                items.add(new Item("booking-" + k, seq));
            }
        }
        AtomicLong requested = new AtomicLong();
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        Set<String> busyKeys = ConcurrentHashMap.newKeySet();
        List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        Map<String, List<Integer>> startedPerKey = new ConcurrentHashMap<>();
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(items.size());
        List<Long> outstanding = Collections.synchronizedList(new ArrayList<>());
        List<Long> overAsked = Collections.synchronizedList(new ArrayList<>());

        InFlightWindow<Item> window = new InFlightWindow<>(bound, Item::key, item -> Uni.createFrom().voidItem()
                .invoke(() -> {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    if (!busyKeys.add(item.key())) {
                        overlaps.add(item.toString());
                    }
                    startedPerKey.computeIfAbsent(item.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(item.seq());
                })
                .onItem().delayIt().by(Duration.ofMillis(5 + item.seq() % 3 * 5))
                .invoke(() -> {
                    busyKeys.remove(item.key());
                    running.decrementAndGet();
                    finished.incrementAndGet();
                    all.countDown();
                }));

        Multi.createFrom().iterable(items)
                .onRequest().invoke(n -> {
                    // never more asked for than the bound plus what is finished
                    if (requested.addAndGet(n) > bound + finished.get()) {
                        overAsked.add(requested.get());
                    }
                })
                .onItem().invoke(item -> {
                    delivered.incrementAndGet();
                    outstanding.add((long) delivered.get() - finished.get());
                })
                .subscribe().withSubscriber(window);

        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).as("records of one key handled at the same time").isEmpty();
        startedPerKey.values().forEach(seqs -> assertThat(seqs).containsExactlyElementsOf(
                IntStream.range(0, perKey).boxed().toList()));
        assertThat(mostRunning.get()).isLessThanOrEqualTo(bound).isGreaterThan(1);
        assertThat(window.mostInFlight()).isEqualTo(bound);
        assertThat(outstanding).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(bound));
        assertThat(overAsked).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> window.inFlight() == 0);
    }

    @Test
    void aHandlerThatFailsOrThrowsStillFreesItsPlaceAndItsKey() throws Exception {
        CountDownLatch handled = new CountDownLatch(6);
        InFlightWindow<Item> window = new InFlightWindow<>(2, Item::key, item -> {
            handled.countDown();
            if (item.seq() == 0) {
                throw new IllegalStateException("thrown");
            }
            if (item.seq() == 1) {
                return Uni.createFrom().failure(new IllegalStateException("failed"));
            }
            return Uni.createFrom().voidItem();
        });
        Multi.createFrom().items(new Item("a", 0), new Item("a", 1), new Item("a", 2), new Item("b", 0),
                new Item(null, 1), new Item(null, 2)).subscribe().withSubscriber(window);
        assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> window.inFlight() == 0);
    }
}
