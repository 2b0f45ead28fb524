package com.tickets.api.availability;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's idle timeout (2 s here, 60 s in production) against clients that stall, and the
 * streams that must outlive it; and the snapshot read from the catalog cache (60 s here, so that a
 * stale snapshot shows it was not read from the database; the shows are made before the first read).
 */
@QuarkusTest
@TestProfile(StreamServerLimitsTest.ShortTimeouts.class)
class StreamServerLimitsTest {

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "2S",
                    "quarkus.cache.enabled", "true",
                    "quarkus.cache.caffeine.\"catalog\".expire-after-write", "60S");
        }
    }

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/")
    URI base;

    static Fixtures.Tier longWatch;
    static Fixtures.Tier cached;

    @org.junit.jupiter.api.BeforeEach
    void showsBeforeTheCatalogIsFirstCached() {
        if (longWatch == null) {
            longWatch = fixtures.concertWithTier("Long watch", "10.00", 9);
            cached = fixtures.concertWithTier("Cached stream", "10.00", 50);
        }
    }

    @Test
    void aClientSendingHalfARequestLineAndStallingIsDisconnected() throws IOException {
        assertClosedWithinTimeout("GET /api/conce");
    }

    @Test
    void aClientSendingHalfTheHeadersAndStallingIsDisconnected() throws IOException {
        assertClosedWithinTimeout("GET /api/concerts HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaa");
    }

    private void assertClosedWithinTimeout(String partial) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(partial.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            try {
                while (in.read() != -1) {
                    // whatever the server says before closing
                }
            } catch (java.net.SocketException reset) {
                // closed by the server: as good as end of stream
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).as("closed by the server's idle timeout, not by our 15 s read timeout")
                    .isLessThan(Duration.ofSeconds(8))
                    .as("by the timeout, not refused at once").isGreaterThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void aStreamOutlivesTheIdleTimeoutOnItsPings() {
        var tier = longWatch;
        try (SseClient watcher = new SseClient(base.resolve("/api/concerts/stream?concertId=" + tier.concertId()), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !watcher.events.isEmpty());
            int before = watcher.pings.get();
            // three idle timeouts' worth of time on one connection
            await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> true);
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.pings.get() >= before + 4);
            BookingRequests.book(base, tier.tierId(), "watcher@example.com", 1, tier.total(1));
            await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(8).equals(watcher.latest(tier.tierId().toString())));
        }
    }

    @Test
    void theSnapshotComesFromTheCatalogCacheAndRecentChangesFollowIt() {
        var tier = cached;
        String id = tier.tierId().toString();
        URI stream = base.resolve("/api/concerts/stream?concertId=" + tier.concertId());
        try (SseClient first = new SseClient(stream, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.events.isEmpty());
            assertThat(first.latest(id)).isEqualTo(50);

            // changed behind the API's back: no event, and the cache does not know
            fixtures.update("update ticket_tiers set available_quantity = 45 where id = ?", tier.tierId());
            try (SseClient second = new SseClient(stream, null)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !second.events.isEmpty());
                assertThat(second.latest(id)).as("the snapshot was not read from the database").isEqualTo(50);
            }

            // a booking: the database says 44 and the feed passes it on; a stream opened now still gets
            // the cached snapshot (50), then the change this replica saw
            BookingRequests.book(base, tier.tierId(), "cached@example.com", 1, tier.total(1));
            await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(44).equals(first.latest(id)));
            try (SseClient third = new SseClient(stream, null)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(44).equals(third.latest(id)));
                assertThat(third.events.get(0).name()).isEqualTo("snapshot");
            }
        }
    }
}
