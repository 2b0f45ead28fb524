package com.tickets.analytics.projection;

import com.tickets.events.ConcertData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import io.agroal.api.AgroalDataSource;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps each concert's venue zone from {@code catalog.events} in {@code concert_zones}, for the dashboard's
 * default buckets (DashboardQuery). Only the concert events matter here (they carry the whole concert); tier
 * events and anything unreadable are skipped, since a concert's next event states its zone again and a
 * concert without a known zone is shown in UTC, which the dashboard says.
 *
 * <p>The latest event's zone wins (ties: the greater name), in SQL and in the fold of a batch, so applying
 * is order-free and idempotent like the rest of the projection, and needs no {@code applied_events}.
 */
@ApplicationScoped
public class ConcertZones {

    private static final Logger LOG = Logger.getLogger(ConcertZones.class);
    private static final Set<String> CONCERT_EVENTS = Set.of(EventTypes.CONCERT_PUBLISHED, EventTypes.CONCERT_CHANGED,
            EventTypes.CONCERT_CANCELLED);

    static final String UPSERT = """
            insert into concert_zones (concert_id, organizer, time_zone, zone_at)
            values (?, ?, ?, ?)
            on conflict (concert_id) do update set
                organizer = coalesce(excluded.organizer, concert_zones.organizer),
                time_zone = excluded.time_zone, zone_at = excluded.zone_at
            where (excluded.zone_at, excluded.time_zone collate "C") > (concert_zones.zone_at, concert_zones.time_zone collate "C")""";

    /** What one concert event says: the concert, who runs it, its zone, and when it was said. */
    public record Zone(UUID concertId, String organizer, String timeZone, Instant at) {
    }

    private final AgroalDataSource db;

    ConcertZones(AgroalDataSource db) {
        this.db = db;
    }

    /** The zone a catalogue record states, or empty for a record that is no concert event with a known zone. */
    public static Optional<Zone> read(String json) {
        try {
            EventEnvelope event = EventJson.read(json);
            if (event == null || event.type() == null || !CONCERT_EVENTS.contains(event.type()) || event.occurredAt() == null) {
                return Optional.empty();
            }
            ConcertData data = EventJson.data(event, ConcertData.class);
            if (data == null || data.concertId() == null || data.timeZone() == null
                    || !ZoneId.getAvailableZoneIds().contains(data.timeZone())) {
                return Optional.empty();
            }
            // microseconds, as PostgreSQL keeps them, so that the fold and the statement compare the same instants
            return Optional.of(new Zone(data.concertId(), data.organizer(), data.timeZone(),
                    event.occurredAt().truncatedTo(ChronoUnit.MICROS)));
        } catch (RuntimeException unreadable) {
            LOG.warnf("a catalogue record that is no readable concert event was skipped: %s", unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** The latest zone per concert (ties: the greater zone name), as the statement would leave it. */
    public static List<Zone> fold(List<Zone> zones) {
        Comparator<Zone> later = Comparator.comparing(Zone::at).thenComparing(Zone::timeZone);
        Map<UUID, Zone> latest = new LinkedHashMap<>();
        for (Zone z : zones) {
            latest.merge(z.concertId(), z, (a, b) -> {
                Zone winner = later.compare(a, b) >= 0 ? a : b;
                String organizer = a.organizer() != null ? a.organizer() : b.organizer();
                return new Zone(winner.concertId(), organizer, winner.timeZone(), winner.at());
            });
        }
        // in concert id order, so that concurrent batches take their row locks in one order
        return latest.values().stream().sorted(Comparator.comparing(z -> z.concertId().toString())).toList();
    }

    /**
     * Applies a batch of catalogue records. No transaction around it: each row is one concert's and an
     * upsert applied twice is a no-op, so a retry after a partial batch only repeats what committed (and
     * a transaction here would sit outside the retry, which must start afresh). A database that is away
     * is waited for as {@link ProjectionApplier} does (0.5 s doubling to 10 s, up to four minutes).
     */
    @Retry(maxRetries = -1, maxDuration = 4, durationUnit = ChronoUnit.MINUTES, delay = 500)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public int apply(List<String> records) throws SQLException {
        List<Zone> zones = fold(records.stream().map(ConcertZones::read).flatMap(Optional::stream).toList());
        if (zones.isEmpty()) {
            return 0;
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (Zone z : zones) {
                s.setObject(1, z.concertId());
                s.setString(2, z.organizer());
                s.setString(3, z.timeZone());
                s.setObject(4, z.at().atOffset(java.time.ZoneOffset.UTC));
                s.addBatch();
            }
            s.executeBatch();
        }
        return zones.size();
    }
}
