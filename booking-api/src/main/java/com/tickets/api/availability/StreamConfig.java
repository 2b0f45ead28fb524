package com.tickets.api.availability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code availability.sse.*}: the live availability stream ({@code GET /api/concerts/stream}). Every
 * default is here; application.properties only overrides them for tests. Each one can also be set
 * from the environment, e.g. {@code AVAILABILITY_SSE_MAX_STREAMS_PER_CLIENT=50}.
 */
@ConfigMapping(prefix = "availability.sse")
public interface StreamConfig {

    /**
     * Changes are coalesced per tier and handed to the watchers at most this often; the first change
     * after a quiet spell goes out at once.
     */
    @WithDefault("PT0.25S")
    Duration flushInterval();

    /**
     * A {@code : ping} comment is sent this often on every stream. It keeps proxies from closing a quiet
     * stream and keeps it clear of the server's idle timeout ({@code quarkus.http.idle-timeout}, which
     * must stay well above this).
     */
    @WithDefault("PT15S")
    Duration heartbeatInterval();

    /**
     * Streams one client address may hold open at once on this replica (a household or an office with
     * a few tabs each stays far below). The next one is refused with 429 {@code rate-limited}; closing
     * a stream frees its place at once.
     */
    @WithDefault("20")
    int maxStreamsPerClient();

    /** The {@code Retry-After} of that 429. */
    @WithDefault("PT10S")
    Duration retryAfter();

    /**
     * The snapshot a stream starts with comes from the catalog cache, which may be up to a second old
     * ({@code quarkus.cache.caffeine.catalog.expire-after-write}). Changes this replica saw this
     * recently are sent again right after it, so a change racing the connect is never lost.
     */
    @WithDefault("PT10S")
    Duration snapshotCatchUp();
}
